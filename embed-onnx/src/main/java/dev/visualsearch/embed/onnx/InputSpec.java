package dev.visualsearch.embed.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model's image input as ONNX Runtime reports it: name, layout, element type, spatial size and
 * batch dimension. Immutable and thread-safe.
 *
 * @param name the input's name, the key of the feed
 * @param layout where the 3 colour channels sit
 * @param elementType float or uint8
 * @param height the fixed height, or 0 when the model leaves it dynamic
 * @param width the fixed width, or 0 when the model leaves it dynamic
 * @param fixedBatch the fixed batch dimension, or 0 when the model leaves it dynamic
 */
record InputSpec(
    String name,
    TensorLayout layout,
    InputElementType elementType,
    int height,
    int width,
    int fixedBatch) {

  /**
   * Finds the one image input among the model's inputs: a 4-d float or uint8 tensor with 3
   * channels in dimension 1 (NCHW) or 3 (NHWC).
   *
   * @param inputs {@code OrtSession.getInputInfo()}
   * @param model names the model in messages
   * @throws IOException if there is no such input, several, or other inputs the embedder cannot
   *     feed
   */
  static InputSpec find(Map<String, NodeInfo> inputs, String model) throws IOException {
    List<InputSpec> images = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> entry : inputs.entrySet()) {
      InputSpec spec = tryImage(entry.getKey(), entry.getValue());
      described.add(entry.getKey() + " " + entry.getValue().getInfo());
      if (spec != null) {
        images.add(spec);
      }
    }
    if (images.size() != 1 || inputs.size() != 1) {
      String problem =
          images.isEmpty()
              ? "has no image input (a 4-d float or uint8 tensor with 3 channels in NCHW or NHWC)"
              : images.size() > 1
                  ? "has several image inputs"
                  : "needs inputs besides the image, which the embedder cannot feed";
      throw new IOException(model + " " + problem + "; its inputs: " + described);
    }
    return images.get(0);
  }

  private static InputSpec tryImage(String name, NodeInfo info) {
    if (!(info.getInfo() instanceof TensorInfo)) {
      return null;
    }
    TensorInfo tensor = (TensorInfo) info.getInfo();
    long[] shape = tensor.getShape();
    InputElementType type = InputElementType.of(tensor.type);
    if (shape.length != 4 || type == null) {
      return null;
    }
    TensorLayout layout;
    long h;
    long w;
    if (shape[1] == 3) {
      layout = TensorLayout.NCHW;
      h = shape[2];
      w = shape[3];
    } else if (shape[3] == 3) {
      layout = TensorLayout.NHWC;
      h = shape[1];
      w = shape[2];
    } else {
      return null;
    }
    return new InputSpec(name, layout, type, positiveOrZero(h), positiveOrZero(w),
        positiveOrZero(shape[0]));
  }

  // ONNX Runtime reports a symbolic or unknown dimension as -1.
  private static int positiveOrZero(long dim) {
    return dim > 0 && dim <= Integer.MAX_VALUE ? (int) dim : 0;
  }

  /** The shape as ONNX would print it, with {@code ?} for dynamic dimensions. */
  String describeShape() {
    String b = fixedBatch == 0 ? "?" : Integer.toString(fixedBatch);
    String h = height == 0 ? "?" : Integer.toString(height);
    String w = width == 0 ? "?" : Integer.toString(width);
    String[] dims = layout == TensorLayout.NCHW
        ? new String[] {b, "3", h, w}
        : new String[] {b, h, w, "3"};
    return Arrays.toString(dims);
  }
}
