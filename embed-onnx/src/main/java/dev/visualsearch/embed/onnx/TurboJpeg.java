package dev.visualsearch.embed.onnx;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libjpeg-turbo's Java bindings (TurboJPEG), used when the machine has them and absent otherwise:
 * there is no compile-time dependency. Debian and Ubuntu ship them as {@code libturbojpeg-java}
 * ({@code /usr/share/java/turbojpeg.jar}) with the native library in {@code libturbojpeg0}
 * ({@code libturbojpeg.so.0}, which carries the JNI entry points).
 *
 * <p>The jar is loaded in its own class loader whose {@code findLibrary} points at the {@code .so}
 * found on disk: the bindings' own loader asks for {@code libturbojpeg.so}, which only the {@code
 * -dev} package provides. System properties override the locations: {@value #JAR_PROPERTY} and
 * {@value #LIBRARY_PROPERTY}; {@value #DISABLE_PROPERTY}{@code =true} turns the fast path off.
 *
 * <p>Thread-safe: the handles are immutable; each decode creates its own decompressor.
 */
final class TurboJpeg {

  static final String JAR_PROPERTY = "visualsearch.turbojpeg.jar";
  static final String LIBRARY_PROPERTY = "visualsearch.turbojpeg.library";
  static final String DISABLE_PROPERTY = "visualsearch.turbojpeg.disabled";

  /** TJ.PF_BGR: B, G, R bytes per pixel, the layout of {@code TYPE_3BYTE_BGR}. */
  static final int PF_BGR = 1;
  /** TJ.CS_CMYK and TJ.CS_YCCK: colour spaces left to the ImageIO path. */
  static final int CS_CMYK = 3;
  static final int CS_YCCK = 4;
  /** TJ.FLAG_STOPONWARNING: a truncated or damaged file fails instead of decoding grey. */
  static final int FLAG_STOPONWARNING = 8192;

  private static final Holder HOLDER = new Holder();

  final MethodHandle create; // (byte[]) -> Object
  final MethodHandle width; // (Object) -> int
  final MethodHandle height;
  final MethodHandle colorspace;
  // (Object, byte[], x, y, w, pitch, h, pf, flags) -> void; decodes at the largest DCT scale
  // (n/8) whose size fits in w x h.
  final MethodHandle decompress;
  final MethodHandle close; // (Object) -> void

  private TurboJpeg(Class<?> decompressor) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    create = lookup.findConstructor(decompressor, MethodType.methodType(void.class, byte[].class))
        .asType(MethodType.methodType(Object.class, byte[].class));
    width = getter(lookup, decompressor, "getWidth");
    height = getter(lookup, decompressor, "getHeight");
    colorspace = getter(lookup, decompressor, "getColorspace");
    decompress = lookup.findVirtual(decompressor, "decompress",
        MethodType.methodType(void.class, byte[].class, int.class, int.class, int.class,
            int.class, int.class, int.class, int.class))
        .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class,
            int.class, int.class, int.class, int.class, int.class, int.class));
    close = lookup.findVirtual(decompressor, "close", MethodType.methodType(void.class))
        .asType(MethodType.methodType(void.class, Object.class));
  }

  /** The bindings, or null when they are absent, disabled or fail to load. */
  static TurboJpeg get() {
    return HOLDER.instance;
  }

  /** Why the bindings are or are not in use, for diagnostics and benchmark reports. */
  static String status() {
    return HOLDER.status;
  }

  private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> type, String name)
      throws ReflectiveOperationException {
    return lookup.findVirtual(type, name, MethodType.methodType(int.class))
        .asType(MethodType.methodType(int.class, Object.class));
  }

  /** The outcome of loading: the bindings or null, and one line saying why. */
  record Loaded(TurboJpeg bindings, String status) {}

  /**
   * Loads the bindings from {@code jar} with the native {@code library} (null: none found).
   * Never throws: a failure is a null {@code bindings} and a status that says why.
   */
  static Loaded load(Path jar, Path library) {
    if (!Files.isRegularFile(jar)) {
      return new Loaded(null,
          "libjpeg-turbo absent: no " + jar + " (Debian: apt-get install libturbojpeg-java)");
    }
    if (library == null) {
      return new Loaded(null,
          "libjpeg-turbo absent: no libturbojpeg.so[.0] (Debian: apt-get install libturbojpeg0)");
    }
    try {
      ClassLoader loader = new LibraryLoader(jar, library);
      Class<?> decompressor =
          Class.forName("org.libjpegturbo.turbojpeg.TJDecompressor", true, loader);
      return new Loaded(new TurboJpeg(decompressor),
          "libjpeg-turbo in use: " + jar + " with " + library);
    } catch (ReflectiveOperationException | java.io.IOException | LinkageError
        | RuntimeException e) {
      return new Loaded(null,
          "libjpeg-turbo failed to load from " + jar + " with " + library + ": " + e);
    }
  }

  /** Loads once, on first use, without class-initialisation deadlocks. */
  private static final class Holder {
    final TurboJpeg instance;
    final String status;

    Holder() {
      if (Boolean.getBoolean(DISABLE_PROPERTY)) {
        this.instance = null;
        this.status = "libjpeg-turbo off (" + DISABLE_PROPERTY + "=true)";
        return;
      }
      Loaded loaded = load(
          Path.of(System.getProperty(JAR_PROPERTY, "/usr/share/java/turbojpeg.jar")),
          findLibrary());
      this.instance = loaded.bindings();
      this.status = loaded.status();
    }

    private static Path findLibrary() {
      String configured = System.getProperty(LIBRARY_PROPERTY);
      if (configured != null) {
        Path path = Path.of(configured);
        return Files.isRegularFile(path) ? path : null;
      }
      List<String> dirs = new ArrayList<>();
      for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(dir);
        }
      }
      dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
          "/usr/lib64", "/usr/lib", "/opt/libjpeg-turbo/lib64", "/usr/local/lib"));
      for (String dir : dirs) {
        for (String name : List.of("libturbojpeg.so.0", "libturbojpeg.so")) {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate)) {
            return candidate;
          }
        }
      }
      return null;
    }
  }

  /** Loads the bindings' classes and resolves their native library to the file found. */
  private static final class LibraryLoader extends URLClassLoader {
    private final Path library;

    LibraryLoader(Path jar, Path library) throws java.net.MalformedURLException {
      // Parent: the platform loader, so the jar's classes come from this loader (and bind to
      // the library it loads) even if another copy is on the class path.
      super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      this.library = library;
    }

    @Override
    protected String findLibrary(String name) {
      return "turbojpeg".equals(name) ? library.toAbsolutePath().toString() : null;
    }
  }
}
