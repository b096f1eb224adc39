package dev.visualsearch.serve;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoded thumbnails by item id, least recently used dropped first once their bytes pass a
 * budget: a thumbnail costs a decode of the original photo (tens of milliseconds for a large
 * JPEG), and a results page asks for a dozen at once. Thread-safe (synchronized).
 */
final class ThumbnailCache {

  private final long maxBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  ThumbnailCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized byte[] get(String id) {
    return entries.get(id);
  }

  synchronized void put(String id, byte[] jpeg) {
    if (jpeg.length > maxBytes) {
      return;
    }
    byte[] previous = entries.put(id, jpeg);
    bytes += jpeg.length - (previous == null ? 0 : previous.length);
    Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return entries.size();
  }
}
