package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Embedder;
import dev.visualsearch.store.CorruptFileException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eigen solver, the whitening it learns, persistence and the fingerprint. */
class PcaWhiteningTest {

  private static final long SEED = Long.getLong("pca.seed", new Random().nextLong());

  static {
    System.out.println("PcaWhiteningTest seed " + SEED + " (rerun with -Dpca.seed=" + SEED + ")");
  }

  @TempDir Path temp;

  @Test
  void jacobiFindsEigenpairsOfARandomSymmetricMatrix() {
    Random random = new Random(SEED);
    int n = 23;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        a[i][j] = a[j][i] = random.nextGaussian();
      }
    }
    SymmetricEigen.Result eigen = SymmetricEigen.decompose(a);
    for (int c = 0; c < n; c++) {
      double[] v = eigen.vectors()[c];
      if (c > 0) {
        assertThat(eigen.values()[c]).isLessThanOrEqualTo(eigen.values()[c - 1]);
      }
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * v[j];
        }
        assertThat(av).isCloseTo(eigen.values()[c] * v[i], Offset.offset(1e-9));
      }
      for (int d = 0; d < n; d++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += v[i] * eigen.vectors()[d][i];
        }
        assertThat(dot).isCloseTo(c == d ? 1 : 0, Offset.offset(1e-9));
      }
    }
  }

  @Test
  void learnsTheVariancesOfCorrelatedData() {
    double[] variances = {16, 9, 4, 1, 0.25, 0.04};
    List<float[]> data = correlated(new Random(SEED), 4000, variances);
    PcaWhitening whitening = PcaWhitening.learn(data, 4, "test");
    float[] learned = whitening.eigenvalues();
    for (int c = 0; c < 4; c++) {
      assertThat((double) learned[c]).as("eigenvalue " + c)
          .isCloseTo(variances[c], Offset.offset(0.15 * variances[c]));
    }
    // Whitened and normalised, isotropic data has E[y yᵀ] = I / d.
    double[][] second = new double[4][4];
    for (float[] x : data) {
      float[] y = whitening.apply(x);
      assertThat(y).hasSize(4);
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          second[i][j] += (double) y[i] * y[j] / data.size();
        }
      }
    }
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(second[i][j]).isCloseTo(i == j ? 0.25 : 0, Offset.offset(0.03));
      }
    }
  }

  @Test
  void fewerVectorsThanDimensionsGiveTheSameWhiteningByTheGramMatrix() {
    // 30 vectors of 40 dimensions (Gram path) vs the same 30 vectors padded to 20 dimensions by
    // projecting: compare pairwise similarities, which do not depend on eigenvector signs.
    Random random = new Random(SEED);
    List<float[]> wide = new ArrayList<>();
    List<float[]> narrow = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      float[] w = new float[40];
      float[] n = new float[20];
      for (int k = 0; k < 20; k++) {
        n[k] = (float) (random.nextGaussian() * (k + 1));
        w[k] = n[k]; // dimensions 20..39 stay 0: the same data, in a wider space
      }
      wide.add(w);
      narrow.add(n);
    }
    PcaWhitening gram = PcaWhitening.learn(wide, 10, "test");
    PcaWhitening covariance = PcaWhitening.learn(narrow, 10, "test");
    for (int i = 0; i < 30; i += 3) {
      for (int j = 1; j < 30; j += 4) {
        assertThat(dot(gram.apply(wide.get(i)), gram.apply(wide.get(j))))
            .isCloseTo(dot(covariance.apply(narrow.get(i)), covariance.apply(narrow.get(j))),
                Offset.offset(1e-3));
      }
    }
  }

  @Test
  void savesAndReadsBackExactly() throws Exception {
    List<float[]> data = correlated(new Random(SEED), 50, new double[] {5, 3, 2, 1, 1, 1, 1});
    PcaWhitening whitening = PcaWhitening.learn(data, 5, "onnx:sha256=abc;tensor=t");
    Path file = temp.resolve(PcaWhitening.FILE_NAME);
    whitening.save(file);
    PcaWhitening read = PcaWhitening.read(file);
    assertThat(read.describe()).isEqualTo(whitening.describe()).startsWith("pca-whiten(d=5,n=50,");
    assertThat(read.sourceFingerprint()).isEqualTo("onnx:sha256=abc;tensor=t");
    assertThat(read.apply(data.get(7))).containsExactly(whitening.apply(data.get(7)));

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Path damaged = temp.resolve("damaged.vspw");
    Files.write(damaged, bytes);
    assertThatThrownBy(() -> PcaWhitening.read(damaged)).isInstanceOf(CorruptFileException.class);
  }

  @Test
  void wrapsOnlyTheEmbedderItWasLearnedFromAndExtendsItsFingerprint() {
    List<float[]> data = correlated(new Random(SEED), 50, new double[] {5, 3, 2, 1});
    PcaWhitening whitening = PcaWhitening.learn(data, 3, "fake-model");
    Embedder whitened = whitening.wrap(new FakeEmbedder("fake-model", data.get(0)));
    assertThat(whitened.dimension()).isEqualTo(3);
    assertThat(whitened.fingerprint()).isEqualTo("fake-model;" + whitening.describe());
    assertThat(whitened.embed(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR)))
        .containsExactly(whitening.apply(data.get(0)));
    assertThatThrownBy(() -> whitening.wrap(new FakeEmbedder("other-model", data.get(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fake-model")
        .hasMessageContaining("other-model");
  }

  @Test
  void rejectsWhatItCannotLearnFrom() {
    List<float[]> two = List.of(new float[] {1, 2, 3}, new float[] {2, 3, 5});
    assertThatThrownBy(() -> PcaWhitening.learn(two.subList(0, 1), 1, "m"))
        .hasMessageContaining("at least 2 vectors: 1");
    assertThatThrownBy(() -> PcaWhitening.learn(two, 2, "m"))
        .hasMessageContaining("dimensions must be in 1..1");
    assertThatThrownBy(() -> PcaWhitening.learn(List.of(new float[] {1, 2}, new float[] {1}), 1,
        "m")).hasMessageContaining("vector 1 has 1 dimensions");
    assertThatThrownBy(() -> PcaWhitening.learn(
        List.of(new float[] {1, Float.NaN}, new float[] {1, 2}), 1, "m"))
        .hasMessageContaining("NaN");
    PcaWhitening whitening = PcaWhitening.learn(two, 1, "m");
    assertThatThrownBy(() -> whitening.apply(new float[2]))
        .hasMessageContaining("vector has 2 dimensions, the whitening takes 3");
  }

  /** Gaussian data with the given variances along a random rotation of the axes. */
  private static List<float[]> correlated(Random random, int n, double[] variances) {
    int dim = variances.length;
    double[][] rotation = SymmetricEigen.decompose(randomSymmetric(random, dim)).vectors();
    List<float[]> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[dim];
      for (int c = 0; c < dim; c++) {
        double z = random.nextGaussian() * Math.sqrt(variances[c]);
        for (int k = 0; k < dim; k++) {
          x[k] += (float) (z * rotation[c][k]);
        }
      }
      for (int k = 0; k < dim; k++) {
        x[k] += 3; // an offset, which the mean removes
      }
      data.add(x);
    }
    return data;
  }

  private static double[][] randomSymmetric(Random random, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        a[i][j] = a[j][i] = random.nextGaussian();
      }
    }
    return a;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static final class FakeEmbedder implements Embedder {
    private final String fingerprint;
    private final float[] vector;

    FakeEmbedder(String fingerprint, float[] vector) {
      this.fingerprint = fingerprint;
      this.vector = vector;
    }

    @Override
    public int dimension() {
      return vector.length;
    }

    @Override
    public String fingerprint() {
      return fingerprint;
    }

    @Override
    public float[] embed(BufferedImage image) {
      return vector.clone();
    }

    @Override
    public void close() {}
  }
}
