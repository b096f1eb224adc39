package dev.visualsearch;

/**
 * Hears how far the indexing of a folder has come. {@link VisualSearch} calls it after each batch
 * of files, one call at a time (never concurrently), from its worker threads.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * @param processed files handled so far, added or skipped
   * @param skipped files skipped so far
   * @param total image files found in the folder
   */
  void progress(int processed, int skipped, int total);
}
