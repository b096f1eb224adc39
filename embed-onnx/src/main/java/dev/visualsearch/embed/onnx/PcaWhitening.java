package dev.visualsearch.embed.onnx;

import dev.visualsearch.Embedder;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * PCA-whitening learned from a collection's own vectors: {@code y = Λ^-½ Uᵀ (x − μ)}, keeping the
 * {@code d} strongest principal directions, then L2-normalised. It evens out the directions in
 * which a model's features vary most across a collection (often lighting, background, style
 * shared by everything in it), which retrieval papers found to help near-duplicate and landmark
 * search; on the project's data it did not help (see the package documentation), so it is an
 * option, never a default.
 *
 * <p><b>Persistence.</b> A whitening is part of what decides the vectors, so it is saved beside
 * the collection ({@link #save}, conventionally {@value #FILE_NAME} in the collection's
 * directory, where the collection's own saves leave it alone) and covered by the fingerprint:
 * {@link #wrap} gives an {@link Embedder} whose fingerprint is the model's plus {@code
 * ;pca-whiten(d=…,n=…,sha256=…)}, the hash taken over the mean and the projection. A collection
 * saved with it can only be opened again with the same whitening (read back with {@link #read}),
 * so whitened and unwhitened vectors are never compared. The file format: the project's header
 * (codec {@value #CODEC}, version 1), then int D, int d, int n, string source fingerprint, D
 * floats mean, d floats eigenvalues, d × D floats projection (rows already scaled by {@code λ^-½}),
 * then the CRC32 footer.
 *
 * <p>Immutable and thread-safe.
 */
public final class PcaWhitening {

  /** The file name a whitening is conventionally saved under in a collection's directory. */
  public static final String FILE_NAME = "whitening.vspw";

  /** The codec name in the file header. */
  public static final String CODEC = "visualsearch-pca-whitening";

  private static final int VERSION = 1;
  private static final int MAX_DIMENSION = 1 << 16;

  private final float[] mean;
  private final float[] eigenvalues;
  private final float[][] projection; // d rows of length D
  private final int samples;
  private final String sourceFingerprint;
  private final String sha256;

  private PcaWhitening(float[] mean, float[] eigenvalues, float[][] projection, int samples,
      String sourceFingerprint) {
    this.mean = mean;
    this.eigenvalues = eigenvalues;
    this.projection = projection;
    this.samples = samples;
    this.sourceFingerprint = sourceFingerprint;
    this.sha256 = hash(mean, projection);
  }

  /**
   * Learns a whitening from {@code vectors} (the collection's vectors, as its embedder made them).
   * Costs O(min(n, D)³): well under a second for a few hundred vectors, tens of seconds for
   * thousands of 1280-d vectors.
   *
   * @param vectors at least 2 vectors of one length D
   * @param dimensions d, the directions kept: at most {@code min(D, n − 1)} (the rank of n
   *     centred vectors)
   * @param sourceFingerprint the fingerprint of the embedder that made the vectors; {@link #wrap}
   *     accepts only that embedder
   * @throws IllegalArgumentException if there are fewer than 2 vectors, their lengths differ, one
   *     holds NaN or infinity, or {@code dimensions} is out of range
   */
  public static PcaWhitening learn(List<float[]> vectors, int dimensions,
      String sourceFingerprint) {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(sourceFingerprint, "sourceFingerprint");
    int n = vectors.size();
    if (n < 2) {
      throw new IllegalArgumentException("PCA-whitening needs at least 2 vectors: " + n);
    }
    int dim = vectors.get(0).length;
    for (int i = 0; i < n; i++) {
      float[] v = vectors.get(i);
      if (v.length != dim) {
        throw new IllegalArgumentException(
            "vector " + i + " has " + v.length + " dimensions, vector 0 has " + dim);
      }
      for (float x : v) {
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("vector " + i + " holds " + x);
        }
      }
    }
    int rank = Math.min(dim, n - 1);
    if (dimensions < 1 || dimensions > rank) {
      throw new IllegalArgumentException(
          "dimensions must be in 1.." + rank + " (min of the vector length " + dim
              + " and vectors - 1 = " + (n - 1) + "): " + dimensions);
    }
    double[] mu = new double[dim];
    for (float[] v : vectors) {
      for (int k = 0; k < dim; k++) {
        mu[k] += v[k];
      }
    }
    for (int k = 0; k < dim; k++) {
      mu[k] /= n;
    }
    double[][] x = new double[n][dim];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < dim; k++) {
        x[i][k] = vectors.get(i)[k] - mu[k];
      }
    }
    double[] values = new double[dimensions];
    double[][] directions = new double[dimensions][];
    if (n <= dim) {
      // Gram trick: the n × n matrix X Xᵀ has the covariance's nonzero eigenvalues (times n),
      // and Xᵀ v / sqrt(λ) are the covariance's eigenvectors.
      double[][] gram = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double s = dot(x[i], x[j]);
          gram[i][j] = s;
          gram[j][i] = s;
        }
      }
      SymmetricEigen.Result eigen = SymmetricEigen.decompose(gram);
      for (int c = 0; c < dimensions; c++) {
        double lambda = Math.max(eigen.values()[c], 0);
        double[] u = new double[dim];
        double[] v = eigen.vectors()[c];
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < dim; k++) {
            u[k] += x[i][k] * v[i];
          }
        }
        double norm = Math.sqrt(dot(u, u));
        for (int k = 0; k < dim; k++) {
          u[k] = norm > 0 ? u[k] / norm : 0;
        }
        values[c] = lambda / n;
        directions[c] = u;
      }
    } else {
      double[][] covariance = new double[dim][dim];
      for (double[] row : x) {
        for (int a = 0; a < dim; a++) {
          double ra = row[a];
          double[] target = covariance[a];
          for (int b = a; b < dim; b++) {
            target[b] += ra * row[b];
          }
        }
      }
      for (int a = 0; a < dim; a++) {
        for (int b = a; b < dim; b++) {
          covariance[a][b] /= n;
          covariance[b][a] = covariance[a][b];
        }
      }
      SymmetricEigen.Result eigen = SymmetricEigen.decompose(covariance);
      for (int c = 0; c < dimensions; c++) {
        values[c] = Math.max(eigen.values()[c], 0);
        directions[c] = eigen.vectors()[c];
      }
    }
    // A floor on the eigenvalues keeps a direction of (numerically) no variance from being
    // blown up into noise.
    double floor = 1e-6 * Math.max(values[0], Double.MIN_NORMAL);
    float[] mean = new float[dim];
    for (int k = 0; k < dim; k++) {
      mean[k] = (float) mu[k];
    }
    float[] eigenvalues = new float[dimensions];
    float[][] projection = new float[dimensions][dim];
    for (int c = 0; c < dimensions; c++) {
      eigenvalues[c] = (float) values[c];
      double scale = 1 / Math.sqrt(Math.max(values[c], floor));
      for (int k = 0; k < dim; k++) {
        projection[c][k] = (float) (directions[c][k] * scale);
      }
    }
    return new PcaWhitening(mean, eigenvalues, projection, n, sourceFingerprint);
  }

  /**
   * The whitened, L2-normalised form of {@code vector}.
   *
   * @return a new vector of length {@link #outputDimension()}
   * @throws IllegalArgumentException if its length is not {@link #inputDimension()}
   */
  public float[] apply(float[] vector) {
    Objects.requireNonNull(vector, "vector");
    if (vector.length != mean.length) {
      throw new IllegalArgumentException(
          "vector has " + vector.length + " dimensions, the whitening takes " + mean.length);
    }
    float[] centred = new float[mean.length];
    for (int k = 0; k < mean.length; k++) {
      centred[k] = vector[k] - mean[k];
    }
    float[] out = new float[projection.length];
    double norm = 0;
    for (int c = 0; c < projection.length; c++) {
      float[] row = projection[c];
      float s = 0;
      for (int k = 0; k < row.length; k++) {
        s += row[k] * centred[k];
      }
      out[c] = s;
      norm += (double) s * s;
    }
    if (norm > 0) {
      float inverse = (float) (1 / Math.sqrt(norm));
      for (int c = 0; c < out.length; c++) {
        out[c] *= inverse;
      }
    }
    return out;
  }

  /**
   * An embedder that whitens {@code embedder}'s vectors; closing it closes {@code embedder}.
   *
   * @throws IllegalArgumentException if {@code embedder}'s fingerprint is not the one the
   *     whitening was learned with
   */
  public Embedder wrap(Embedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    if (!embedder.fingerprint().equals(sourceFingerprint)) {
      throw new IllegalArgumentException(
          "this whitening was learned from the vectors of " + sourceFingerprint
              + ", not of " + embedder.fingerprint());
    }
    return new WhitenedEmbedder(embedder, this);
  }

  /** D, the length of the vectors it takes. */
  public int inputDimension() {
    return mean.length;
  }

  /** d, the length of the vectors it gives. */
  public int outputDimension() {
    return projection.length;
  }

  /** n, the number of vectors it was learned from. */
  public int samples() {
    return samples;
  }

  /** The fingerprint of the embedder whose vectors it was learned from. */
  public String sourceFingerprint() {
    return sourceFingerprint;
  }

  /** The variance of the learning vectors along each kept direction, strongest first. */
  public float[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** {@code pca-whiten(d=…,n=…,sha256=…)}: what the fingerprint of {@link #wrap} appends. */
  public String describe() {
    return "pca-whiten(d=" + projection.length + ",n=" + samples + ",sha256="
        + sha256.substring(0, 16) + ")";
  }

  /**
   * Writes the whitening to {@code file}, atomically.
   *
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    AtomicFile.write(file, stream -> {
      FormatOutput out = new FormatOutput(stream);
      out.writeHeader(CODEC, VERSION);
      out.writeInt(mean.length);
      out.writeInt(projection.length);
      out.writeInt(samples);
      out.writeString(sourceFingerprint);
      out.writeFloats(mean, 0, mean.length);
      out.writeFloats(eigenvalues, 0, eigenvalues.length);
      for (float[] row : projection) {
        out.writeFloats(row, 0, row.length);
      }
      out.writeFooter();
    });
  }

  /**
   * Reads a whitening written by {@link #save}.
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws dev.visualsearch.store.CorruptFileException if it is damaged or not a whitening
   * @throws IOException if it cannot be read, or its version is too old or too new
   */
  public static PcaWhitening read(Path file) throws IOException {
    try (FormatInput in = FormatInput.open(file, CODEC, VERSION, VERSION)) {
      int dim = in.readCount("input dimension", MAX_DIMENSION);
      int d = in.readCount("output dimension", dim);
      int samples = in.readCount("samples", Integer.MAX_VALUE);
      String source = in.readString(64 * 1024);
      if (dim < 1 || d < 1) {
        throw in.corrupt("dimensions " + dim + " and " + d + " must be at least 1");
      }
      float[] mean = new float[dim];
      in.readFloats(mean, 0, dim);
      float[] eigenvalues = new float[d];
      in.readFloats(eigenvalues, 0, d);
      float[][] projection = new float[d][dim];
      for (float[] row : projection) {
        in.readFloats(row, 0, dim);
      }
      in.finish();
      return new PcaWhitening(mean, eigenvalues, projection, samples, source);
    }
  }

  @Override
  public String toString() {
    return "PcaWhitening[" + mean.length + " -> " + describe() + "]";
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static String hash(float[] mean, float[][] projection) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer bytes =
          ByteBuffer.allocate(Float.BYTES * mean.length).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(mean);
      digest.update(bytes);
      for (float[] row : projection) {
        ByteBuffer r = ByteBuffer.allocate(Float.BYTES * row.length).order(ByteOrder.LITTLE_ENDIAN);
        r.asFloatBuffer().put(row);
        digest.update(r);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
