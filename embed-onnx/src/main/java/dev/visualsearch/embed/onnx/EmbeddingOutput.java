package dev.visualsearch.embed.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Copies an output tensor of shape [batch, d1, d2, ...] into one fresh float vector per image of
 * length d1 × d2 × ... (so a pooled [N, C, 1, 1] becomes [N, C]). Stateless; thread-safe.
 */
final class EmbeddingOutput {

  private EmbeddingOutput() {}

  /**
   * The first {@code images} rows of {@code value}, which must have {@code batch} rows.
   *
   * @throws IllegalStateException if the value is not a numeric tensor with the batch first
   */
  static float[][] rows(OnnxValue value, String tensorName, int batch, int images) {
    if (!(value instanceof OnnxTensor)) {
      throw new IllegalStateException(
          "tensor '" + tensorName + "' is a " + value.getType() + ", not a tensor");
    }
    OnnxTensor tensor = (OnnxTensor) value;
    TensorInfo info = tensor.getInfo();
    long[] shape = info.getShape();
    if (shape.length < 1 || shape[0] != batch) {
      throw new IllegalStateException(
          "tensor '" + tensorName + "' has shape " + Arrays.toString(shape)
              + " for a batch of " + batch + ": its first dimension is not the batch");
    }
    int dimension = Math.toIntExact(info.getNumElements() / batch);
    float[][] rows = new float[images][dimension];
    switch (info.type) {
      case FLOAT: {
        FloatBuffer values = tensor.getFloatBuffer();
        for (float[] row : rows) {
          values.get(row);
        }
        break;
      }
      case UINT8:
      case INT8: {
        boolean unsigned = info.type == ai.onnxruntime.OnnxJavaType.UINT8;
        ByteBuffer values = tensor.getByteBuffer();
        for (float[] row : rows) {
          for (int i = 0; i < dimension; i++) {
            byte v = values.get();
            row[i] = unsigned ? v & 0xFF : v;
          }
        }
        break;
      }
      default:
        throw new IllegalStateException(
            "tensor '" + tensorName + "' holds " + info.type + " values; the embedder reads"
                + " float, uint8 and int8 tensors");
    }
    return rows;
  }
}
