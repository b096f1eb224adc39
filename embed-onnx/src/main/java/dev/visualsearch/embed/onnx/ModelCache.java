package dev.visualsearch.embed.onnx;

import dev.visualsearch.store.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the file of a {@link KnownModel}: in an offline model directory when one is set (never
 * touching the network), else in a cache directory, downloading it there the first time. Every
 * file is checked against the model's sha256 before it is returned; a download is written to a
 * temporary file and renamed into place only after its length and sha256 are right, so the
 * cache never holds a half or wrong file under a model's name.
 *
 * <p>Layout: a model named {@code n} with file {@code f} lives at {@code <cache>/n/f}; an offline
 * directory may hold it at {@code <dir>/n/f} or {@code <dir>/f}.
 *
 * <p>Immutable and thread-safe. Concurrent fetches of one model (from threads or processes) each
 * download to their own temporary file; the renames replace each other with identical bytes.
 */
public final class ModelCache {

  /** Environment variable naming an offline model directory for {@link #defaults()}. */
  public static final String MODEL_DIR_ENV = "VISUALSEARCH_MODEL_DIR";

  /** Environment variable naming the cache directory for {@link #defaults()}. */
  public static final String CACHE_DIR_ENV = "VISUALSEARCH_MODEL_CACHE";

  private static final int BUFFER = 1 << 16;

  private final Path directory;
  private final Path offlineDirectory; // null: downloads allowed
  private final Duration connectTimeout;
  private final Duration readTimeout;

  private ModelCache(Builder builder) {
    this.directory = builder.directory;
    this.offlineDirectory = builder.offlineDirectory;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
  }

  /**
   * A cache with the default settings: the directory {@code $VISUALSEARCH_MODEL_CACHE}, else
   * {@code $XDG_CACHE_HOME/visualsearch/models}, else {@code ~/.cache/visualsearch/models}; the
   * offline directory {@code $VISUALSEARCH_MODEL_DIR} when that variable is set.
   */
  public static ModelCache defaults() {
    Builder builder = builder();
    String offline = System.getenv(MODEL_DIR_ENV);
    if (offline != null && !offline.isBlank()) {
      builder.offlineDirectory(Path.of(offline));
    }
    return builder.build();
  }

  /** Starts configuring a cache. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directory downloads are stored in. */
  public Path directory() {
    return directory;
  }

  /** The offline model directory, if set. */
  public Optional<Path> offlineDirectory() {
    return Optional.ofNullable(offlineDirectory);
  }

  /**
   * The verified file of {@code model}: from the offline directory if set, else from the cache,
   * downloaded first if it is not there (or is there with other bytes, which are replaced).
   *
   * @return an existing file whose sha256 is the model's
   * @throws NullPointerException if {@code model} is null
   * @throws NoSuchFileException if an offline directory is set and holds no file for the model
   * @throws ChecksumMismatchException if the offline file or the downloaded bytes have another
   *     sha256 (nothing is left in the cache)
   * @throws ModelDownloadException if the server answers with an error status, a timeout passes,
   *     or the body ends early (nothing is left in the cache)
   * @throws IOException if the cache directory cannot be written
   */
  public Path fetch(KnownModel model) throws IOException {
    Objects.requireNonNull(model, "model");
    if (offlineDirectory != null) {
      return fromOfflineDirectory(model);
    }
    Path target = directory.resolve(model.name()).resolve(model.fileName());
    if (Files.isRegularFile(target)) {
      String actual = sha256(target);
      if (actual.equals(model.sha256())) {
        return target;
      }
      // An older release or a damaged copy: replaced by a fresh download below.
      Files.delete(target);
    }
    Files.createDirectories(target.getParent());
    AtomicFile.write(target, out -> download(model, out));
    return target;
  }

  private Path fromOfflineDirectory(KnownModel model) throws IOException {
    List<Path> candidates =
        List.of(
            offlineDirectory.resolve(model.name()).resolve(model.fileName()),
            offlineDirectory.resolve(model.fileName()));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        String actual = sha256(candidate);
        if (!actual.equals(model.sha256())) {
          throw new ChecksumMismatchException(
              "model file " + candidate + " of '" + model.name() + "'", model.sha256(), actual);
        }
        return candidate;
      }
    }
    throw new NoSuchFileException(
        candidates.get(0).toString(), null,
        "model '" + model.name() + "' is not in the offline model directory " + offlineDirectory
            + " (looked for " + candidates.get(0) + " and " + candidates.get(1)
            + "); downloads are off while an offline directory is set");
  }

  /** Streams the model's URL into {@code out}; throws, leaving the target alone, unless right. */
  private void download(KnownModel model, OutputStream out) throws IOException {
    URI url = model.url();
    MessageDigest digest = newDigest();
    long received = 0;
    long declared;
    HttpURLConnection connection = open(url);
    try {
      int status;
      try {
        status = connection.getResponseCode();
      } catch (SocketTimeoutException e) {
        throw new ModelDownloadException(url, "no answer within the timeout: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ModelDownloadException(url, "the request failed: " + e, e);
      }
      if (status != HttpURLConnection.HTTP_OK) {
        throw new ModelDownloadException(
            url, "the server answered HTTP " + status + " " + connection.getResponseMessage()
                + (connection.getURL().toString().equals(url.toString())
                    ? "" : " (after redirection to " + connection.getURL() + ")"),
            null);
      }
      declared = connection.getContentLengthLong();
      byte[] buffer = new byte[BUFFER];
      try (InputStream in = new DigestInputStream(connection.getInputStream(), digest)) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          received += n;
        }
      } catch (SocketTimeoutException e) {
        throw new ModelDownloadException(
            url, "no data for " + readTimeout.toMillis() + " ms after " + received + " bytes", e);
      } catch (IOException e) {
        throw new ModelDownloadException(
            url, "the body ended after " + received + " bytes"
                + (declared >= 0 ? " of " + declared : "") + ": " + e, e);
      }
    } finally {
      connection.disconnect();
    }
    if (declared >= 0 && received != declared) {
      throw new ModelDownloadException(
          url, "the body ended after " + received + " of " + declared + " bytes", null);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(model.sha256())) {
      throw new ChecksumMismatchException(
          "the download of '" + model.name() + "' from " + url + " (" + received + " bytes)",
          model.sha256(), actual);
    }
  }

  private HttpURLConnection open(URI url) throws IOException {
    URLConnection connection = url.toURL().openConnection();
    if (!(connection instanceof HttpURLConnection)) {
      throw new ModelDownloadException(url, "not an HTTP URL", null);
    }
    HttpURLConnection http = (HttpURLConnection) connection;
    http.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
    http.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
    http.setInstanceFollowRedirects(true); // the zoo's raw URLs redirect to their LFS storage
    http.setRequestProperty("User-Agent", "visualsearch-model-cache");
    http.setRequestProperty("Accept-Encoding", "identity"); // the sha256 is of the plain bytes
    return http;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ModelCache[" + directory
        + (offlineDirectory == null ? "" : ", offline " + offlineDirectory) + "]";
  }

  /**
   * Configures a {@link ModelCache}. Setters validate at once. Not thread-safe; the caches it
   * builds are.
   */
  public static final class Builder {

    private Path directory = defaultDirectory();
    private Path offlineDirectory;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Where downloads are stored. If unset, {@code $VISUALSEARCH_MODEL_CACHE}, else {@code
     * $XDG_CACHE_HOME/visualsearch/models}, else {@code ~/.cache/visualsearch/models}.
     *
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
      return this;
    }

    /**
     * A directory holding model files, used instead of downloading (machines without network,
     * or a shared read-only copy). Files there are still checked against the sha256. If unset,
     * none: models are downloaded.
     *
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder offlineDirectory(Path directory) {
      this.offlineDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
      return this;
    }

    /**
     * The longest wait to establish a connection. If unset, 30 seconds.
     *
     * @throws IllegalArgumentException if not in 1 ms .. {@link Integer#MAX_VALUE} ms
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connect timeout");
      return this;
    }

    /**
     * The longest wait for the next bytes of a response (not the whole download, which may take
     * minutes for a 100 MB model). If unset, 60 seconds.
     *
     * @throws IllegalArgumentException if not in 1 ms .. {@link Integer#MAX_VALUE} ms
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "read timeout");
      return this;
    }

    /** A cache with these settings. */
    public ModelCache build() {
      return new ModelCache(this);
    }

    private static Duration checkTimeout(Duration timeout, String what) {
      Objects.requireNonNull(timeout, what);
      if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            what + " must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + timeout);
      }
      return timeout;
    }

    private static Path defaultDirectory() {
      String configured = System.getenv(CACHE_DIR_ENV);
      if (configured != null && !configured.isBlank()) {
        return Path.of(configured).toAbsolutePath();
      }
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".cache");
      return base.resolve("visualsearch").resolve("models").toAbsolutePath();
    }
  }
}
