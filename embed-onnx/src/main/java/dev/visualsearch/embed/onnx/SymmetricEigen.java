package dev.visualsearch.embed.onnx;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations: simple,
 * accurate to working precision, O(n³) per sweep with a handful of sweeps. Fine for the few
 * hundred to about a thousand dimensions of image embeddings. Stateless; thread-safe.
 */
final class SymmetricEigen {

  private static final int MAX_SWEEPS = 100;

  /** The eigenvalues, descending, and matching unit eigenvectors as rows. */
  record Result(double[] values, double[][] vectors) {}

  private SymmetricEigen() {}

  /**
   * Decomposes {@code matrix} (n × n, symmetric; not modified).
   *
   * @throws IllegalArgumentException if it is not square
   */
  static Result decompose(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException(
            "matrix is not square: row " + i + " has " + matrix[i].length + " columns, not " + n);
      }
      a[i] = matrix[i].clone();
    }
    double[][] v = new double[n][n]; // columns become eigenvectors
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    double scale = 0;
    for (double[] row : a) {
      for (double x : row) {
        scale += x * x;
      }
    }
    double tolerance = 1e-22 * Math.max(scale, Double.MIN_NORMAL);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= tolerance) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    // Sort by eigenvalue, descending; eigenvectors as rows.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int i = 0; i < n; i++) {
      int j = order[i];
      values[i] = a[j][j];
      for (int k = 0; k < n; k++) {
        vectors[i][k] = v[k][j];
      }
    }
    return new Result(values, vectors);
  }

  /** Zeroes a[p][q] (and a[q][p]) with one rotation, applied to both sides and to v. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double apq = a[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    // The smaller root of t² + 2θt − 1 = 0: the rotation angle of at most π/4, for stability.
    double t = Math.signum(theta == 0 ? 1 : theta)
        / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) { // columns p and q: A J
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    double[] rowP = a[p];
    double[] rowQ = a[q];
    for (int k = 0; k < n; k++) { // rows p and q: J^T (A J)
      double apk = rowP[k];
      double aqk = rowQ[k];
      rowP[k] = c * apk - s * aqk;
      rowQ[k] = s * apk + c * aqk;
    }
    a[p][q] = 0; // exactly, rather than rounding noise
    a[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
