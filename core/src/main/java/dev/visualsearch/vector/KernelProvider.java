package dev.visualsearch.vector;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Chooses the {@link KernelImplementation} behind {@link VectorKernels}, once per JVM, the way
 * Lucene's {@code VectorizationProvider} does: the Vector API implementation when the JDK is one
 * where it was measured faster and {@code jdk.incubator.vector} is readable, otherwise the scalar
 * one. Every fallback that the user can fix is logged once, with the fix, through {@link
 * System.Logger} (logger {@value #LOGGER_NAME}).
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code auto} (the default),
 * {@code scalar}, or {@code panama} (the Vector API even on a JDK where it is not chosen
 * automatically, as long as the module is readable — the tests use it to check the SIMD code on
 * every JDK).
 *
 * <p>Thread-safe: the choice is made in the static initialiser of {@link Holder}, which the JVM
 * runs once. A separate holder class, not a static field here, means that classes which merely
 * refer to this one do not trigger the choice (and its logging) during their own initialisation.
 */
final class KernelProvider {

  /** The system property that overrides the choice. */
  static final String PROPERTY = "visualsearch.vectorization";

  static final String LOGGER_NAME = "dev.visualsearch.vector";

  /**
   * The first Java feature release on which {@code auto} uses the Vector API. Lucene and JVector
   * refuse it before Java 20, and a scratch kernel that passed its species as a parameter was
   * slower than scalar code on 17. Measured with {@code VectorKernelBenchmark} on the project's
   * machines (AVX-512), these kernels, whose species is a {@code static final} constant, were 4–10×
   * faster than the scalar ones on Java 17 as on 25, so the line is drawn at 17: every JDK the
   * library runs on. The policy stays a constant so that a JDK measured slower can be excluded.
   */
  static final int MIN_AUTO_FEATURE = 17;

  private static final String MODULE = "jdk.incubator.vector";

  private KernelProvider() {}

  /** The implementation chosen for this JVM. */
  static KernelImplementation get() {
    return Holder.INSTANCE;
  }

  /** A decision and, if the user should hear of it, the one line to log. */
  record Decision(boolean panama, Level level, String message) {}

  /**
   * The policy, separate from the JVM it runs in so that tests can check every case.
   *
   * @param javaFeature the running JDK's feature release, e.g. 17
   * @param moduleReadable whether {@code jdk.incubator.vector} is in the boot layer
   * @param requested the value of {@value #PROPERTY}, or {@code null}
   * @throws IllegalArgumentException if {@code requested} is not auto, scalar or panama
   */
  static Decision decide(int javaFeature, boolean moduleReadable, String requested) {
    String mode = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "scalar":
        return new Decision(false, Level.DEBUG, "scalar vector kernels (" + PROPERTY + "=scalar)");
      case "panama":
        if (moduleReadable) {
          return new Decision(true, Level.DEBUG, "Vector API kernels (" + PROPERTY + "=panama)");
        }
        return new Decision(false, Level.WARNING, missingModule(PROPERTY + "=panama asks for"));
      case "auto":
        if (javaFeature < MIN_AUTO_FEATURE) {
          // Nothing the user can do but upgrade: say so quietly, not at every start.
          return new Decision(
              false,
              Level.DEBUG,
              "scalar vector kernels: the Vector API of Java "
                  + javaFeature
                  + " is slower than scalar code here; Java "
                  + MIN_AUTO_FEATURE
                  + "+ with --add-modules "
                  + MODULE
                  + " uses it");
        }
        if (moduleReadable) {
          return new Decision(true, Level.DEBUG, "Vector API kernels on Java " + javaFeature);
        }
        return new Decision(false, Level.WARNING, missingModule("fast vector search needs"));
      default:
        throw new IllegalArgumentException(
            PROPERTY + " must be auto, scalar or panama: '" + requested + "'");
    }
  }

  private static String missingModule(String who) {
    return who
        + " the Java Vector API, but module "
        + MODULE
        + " is not readable: pass --add-modules "
        + MODULE
        + " to java; using scalar vector kernels";
  }

  private static KernelImplementation choose() {
    System.Logger logger = System.getLogger(LOGGER_NAME);
    Decision decision;
    try {
      decision =
          decide(
              Runtime.version().feature(),
              ModuleLayer.boot().findModule(MODULE).isPresent(),
              System.getProperty(PROPERTY));
    } catch (IllegalArgumentException e) {
      logger.log(Level.WARNING, e.getMessage() + "; using auto");
      decision =
          decide(Runtime.version().feature(), ModuleLayer.boot().findModule(MODULE).isPresent(), null);
    }
    if (!decision.panama()) {
      logger.log(decision.level(), decision.message());
      return ScalarKernels.INSTANCE;
    }
    try {
      // Loaded by name so that the scalar path never links against the incubator module.
      Class<?> panama = Class.forName("dev.visualsearch.vector.PanamaKernels");
      panama.getDeclaredMethod("checkUsable").invoke(null);
      KernelImplementation implementation =
          (KernelImplementation) panama.getDeclaredField("INSTANCE").get(null);
      logger.log(decision.level(), decision.message());
      return implementation;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      logger.log(
          Level.WARNING,
          "cannot use the Java Vector API (" + cause + "); using scalar vector kernels");
      return ScalarKernels.INSTANCE;
    }
  }

  /** Holds the choice; initialised on first use of {@link #get}. */
  private static final class Holder {
    static final KernelImplementation INSTANCE = choose();
  }
}
