package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpServer;
import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.PersonalizedSearch;
import dev.visualsearch.personalize.RerankWeights;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web page and JSON API over a {@link VisualSearch} collection, on the JDK's HTTP server:
 * search by uploaded image, by an indexed item's thumbnail, "more like this", duplicates, and a
 * record of what users do with the results (an {@link InteractionStore}) that searches for a
 * known user are re-ranked by. The routes are described in
 * {@code /api/openapi.json}.
 *
 * <p>Untrusted input is bounded: the upload size, the pixels an image may declare (the decoder's
 * decompression-bomb guard), the requests answered at once (excess ones get 503), and images are
 * decoded by content whatever their name or declared type. Thumbnails are served by indexed id
 * only. Every error is a JSON {@code {"error": "..."}} naming the input and the reason.
 *
 * <p>Thread-safe. The collection must not change while the server runs: results, thumbnails and
 * the duplicate groups (found once, on first use) assume it does not.
 */
public final class SearchServer implements AutoCloseable {

  /** The item metadata key naming an item's category, for new users' declared categories. */
  public static final String CATEGORY_KEY = "category";

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final Router router;

  private SearchServer(HttpServer server, ThreadPoolExecutor executor, Router router) {
    this.server = server;
    this.executor = executor;
    this.router = router;
  }

  /** Starts configuring a server for {@code search}. */
  public static Builder builder(VisualSearch search) {
    return new Builder(search);
  }

  /** The port the server listens on (the one chosen by the system when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort() + "/");
  }

  /** The routes, as {@code "METHOD /path/{id}"} lines. */
  public List<String> routes() {
    return router.describe();
  }

  /** Stops listening, waits up to a second for requests in flight, and stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  /**
   * Configures a {@link SearchServer}. Each setter validates at once. Not thread-safe.
   */
  public static final class Builder {

    /** The default upload limit: 20 MiB, a large phone photo with room to spare. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    /** The default pixel limit: 50 Mpx, above any phone camera. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** The default longer side of a thumbnail. */
    public static final int DEFAULT_THUMBNAIL_SIZE = 256;

    private final VisualSearch search;
    private CollectionInfo info;
    private InteractionStore interactions;
    private RerankWeights rerankWeights = RerankWeights.DEFAULT;
    private Map<String, String> categories;
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private int maxConcurrentRequests = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int queryMinShortSide;
    private int thumbnailSize = DEFAULT_THUMBNAIL_SIZE;
    private long thumbnailCacheBytes = 32L * 1024 * 1024;
    private Duration queueTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder(VisualSearch search) {
      this.search = Objects.requireNonNull(search, "search");
    }

    /** What {@code /api/info} reports (index kind, when saved). If unset, only what the collection knows. */
    public Builder info(CollectionInfo info) {
      this.info = Objects.requireNonNull(info, "info");
      return this;
    }

    /** Where interactions are recorded and re-ranking learns from. Required. */
    public Builder interactions(InteractionStore store) {
      this.interactions = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How searches for a known user are re-ranked. If unset, {@link RerankWeights#DEFAULT}; {@link
     * RerankWeights#VISUAL_ONLY} turns re-ranking off.
     */
    public Builder rerank(RerankWeights weights) {
      this.rerankWeights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * The category of each item, by id: a new user's declared categories give them a first
     * taste. If unset, the items' own {@value SearchServer#CATEGORY_KEY} metadata.
     */
    public Builder categories(Map<String, String> categoryByItem) {
      this.categories = Map.copyOf(categoryByItem);
      return this;
    }

    /** The address to bind. If unset, {@code 127.0.0.1}: only this machine can connect. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port; 0 picks a free one. If unset, 8080.
     *
     * @throws IllegalArgumentException if not 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The largest upload request body; larger ones get 413. If unset, {@link
     * #DEFAULT_MAX_UPLOAD_BYTES}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxUploadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxUploadBytes must be at least 1: " + bytes);
      }
      this.maxUploadBytes = bytes;
      return this;
    }

    /**
     * The most pixels an uploaded or indexed image may declare before it is decoded; more get
     * 413. If unset, {@link #DEFAULT_MAX_PIXELS}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxPixels(long pixels) {
      if (pixels < 1) {
        throw new IllegalArgumentException("maxPixels must be at least 1: " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * How many requests are answered at once (the health check does not count); more wait up to
     * the {@link #queueTimeout}, then get 503.
     * If unset, the number of processors, at least 2.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConcurrentRequests(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be at least 1: " + n);
      }
      this.maxConcurrentRequests = n;
      return this;
    }

    /**
     * How long a request waits for one of the {@link #maxConcurrentRequests} slots before it is
     * answered 503. If unset, 5 seconds.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder queueTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("queueTimeout must not be negative: " + timeout);
      }
      this.queueTimeout = timeout;
      return this;
    }

    /**
     * Decode uploaded JPEGs reduced to this shorter side where libjpeg-turbo can (see {@link
     * ScaledImageDecoder}), as the collection's images were; 0 decodes at full size. If unset, 0.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder queryMinShortSide(int pixels) {
      if (pixels < 0) {
        throw new IllegalArgumentException("queryMinShortSide must not be negative: " + pixels);
      }
      this.queryMinShortSide = pixels;
      return this;
    }

    /**
     * The longer side of thumbnails. If unset, {@link #DEFAULT_THUMBNAIL_SIZE}.
     *
     * @throws IllegalArgumentException if not 16 to 1024
     */
    public Builder thumbnailSize(int pixels) {
      if (pixels < 16 || pixels > 1024) {
        throw new IllegalArgumentException("thumbnailSize must be 16 to 1024: " + pixels);
      }
      this.thumbnailSize = pixels;
      return this;
    }

    /**
     * How many bytes of encoded thumbnails to keep in memory. If unset, 32 MiB.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder thumbnailCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("thumbnailCacheBytes must not be negative: " + bytes);
      }
      this.thumbnailCacheBytes = bytes;
      return this;
    }

    /** The clock that stamps interactions sent without a timestamp. If unset, UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds the address and starts answering.
     *
     * @throws IllegalStateException if no interaction store was set
     * @throws IOException if the store cannot be read, or the address cannot be bound (e.g. the
     *     port is taken)
     */
    public SearchServer start() throws IOException {
      if (interactions == null) {
        throw new IllegalStateException("an interaction store is required: call interactions()");
      }
      ScaledImageDecoder decoder =
          ScaledImageDecoder.create(ImageDecoder.builder().maxPixels(maxPixels).build());
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, interactions)
          .weights(rerankWeights)
          .categories(categories != null ? categories : categoriesOf(search))
          .clock(clock)
          .build();
      SearchApi searchApi =
          new SearchApi(search, personalized, interactions, clock, decoder, queryMinShortSide,
              maxUploadBytes);
      Thumbnails thumbnails = new Thumbnails(search, decoder, thumbnailSize, thumbnailCacheBytes);
      InteractionApi interactionApi =
          new InteractionApi(search, interactions, personalized, clock);
      CollectionApi collectionApi = new CollectionApi(search, info);
      UserApi userApi = new UserApi(interactions);
      Router router = new Router(List.of(
          new Route("GET", "/", true, StaticFiles.resource("web/index.html", "text/html; charset=utf-8")),
          new Route("GET", "/app.js", true, StaticFiles.resource("web/app.js", "text/javascript; charset=utf-8")),
          new Route("GET", "/style.css", true, StaticFiles.resource("web/style.css", "text/css; charset=utf-8")),
          new Route("GET", "/api/openapi.json", true, StaticFiles.resource("openapi.json", Exchanges.JSON)),
          new Route("GET", "/api/health", false, collectionApi::health),
          new Route("GET", "/api/info", true, collectionApi::info),
          new Route("POST", "/api/search", true, searchApi::searchUpload),
          new Route("GET", "/api/search", true, searchApi::searchByThumbnail),
          new Route("GET", "/api/similar/{id}", true, searchApi::similar),
          new Route("GET", "/api/duplicates/{id}", true, searchApi::duplicates),
          new Route("POST", "/api/interactions", true, interactionApi::record),
          new Route("GET", "/api/interactions", true, interactionApi::list),
          new Route("PUT", "/api/users/{id}", true, userApi::put),
          new Route("GET", "/api/users/{id}", true, userApi::get),
          new Route("GET", "/thumbs/{id}.jpg", true,
              (exchange, id) -> StaticFiles.sendJpeg(exchange, thumbnails.jpeg(id)))),
          maxConcurrentRequests, queueTimeout);
      // The JDK server writes a response's headers and body separately; with Nagle's algorithm
      // on, the body waits for the client's delayed ACK, 40 ms on Linux for every answer.
      // The property is read once, when the JVM's first HttpServer is made; an application that
      // set it keeps its choice.
      if (System.getProperty(NO_DELAY) == null) {
        System.setProperty(NO_DELAY, "true");
      }
      ThreadPoolExecutor executor = executor(maxConcurrentRequests);
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
      } catch (IOException e) {
        executor.shutdownNow();
        throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      server.createContext("/", router);
      server.setExecutor(executor);
      server.start();
      return new SearchServer(server, executor, router);
    }
  }

  /**
   * The category of every item whose metadata names one ({@value #CATEGORY_KEY}): a new user's
   * declared categories then give them a first taste.
   */
  private static Map<String, String> categoriesOf(VisualSearch search) {
    Map<String, String> categories = new HashMap<>();
    for (String id : search.ids()) {
      search.entry(id).map(entry -> entry.metadata().get(CATEGORY_KEY))
          .ifPresent(category -> categories.put(id, category));
    }
    return categories;
  }

  /**
   * Request threads: the concurrency limit plus a few that wait for a slot or answer the health
   * check and the 503s, with a bounded queue. When even the queue is full, the request runs on the
   * server's own thread marked as overloaded, so it is answered 503 at once instead of the
   * connection being dropped.
   */
  private static ThreadPoolExecutor executor(int maxConcurrent) {
    int threads = maxConcurrent + 4;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "visualsearch-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    RejectedExecutionHandler overloaded = (runnable, pool) -> {
      if (pool.isShutdown()) {
        return;
      }
      Router.OVERLOADED.set(true);
      try {
        runnable.run();
      } finally {
        Router.OVERLOADED.set(false);
      }
    };
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64), factory, overloaded);
  }
}
