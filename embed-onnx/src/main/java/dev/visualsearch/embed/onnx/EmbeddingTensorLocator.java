package dev.visualsearch.embed.onnx;

import dev.visualsearch.embed.onnx.proto.AttributeProto;
import dev.visualsearch.embed.onnx.proto.NodeProto;
import dev.visualsearch.embed.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which tensor of a model is the embedding and makes it a graph output.
 *
 * <p>Image classifiers end in "global pooling → classifier"; the pooled vector is the embedding
 * that retrieval wants, but exported models rarely list it as an output. The automatic choice is
 * the output of the last global pooling node, seen through quantisation:
 *
 * <ul>
 *   <li>a QLinear pooling op (com.microsoft QLinearGlobalAveragePool) yields uint8 values; a
 *       DequantizeLinear node with the op's output scale and zero point is added and its output
 *       exposed;
 *   <li>a float pooling output that feeds QuantizeLinear → (Squeeze | Reshape | Flatten)* →
 *       DequantizeLinear (QDQ models) is exposed at that DequantizeLinear, so ONNX Runtime's QDQ
 *       fusions around the pooling node stay as the model's authors had them.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class EmbeddingTensorLocator {

  /** Ops that pool over all spatial positions, whose output is one vector per image. */
  private static final Set<String> GLOBAL_POOLS =
      Set.of("GlobalAveragePool", "QLinearGlobalAveragePool", "GlobalMaxPool", "ReduceMean");

  private static final Set<String> SHAPE_ONLY_OPS = Set.of("Squeeze", "Reshape", "Flatten");

  private static final int NAMES_SHOWN = 20;

  private EmbeddingTensorLocator() {}

  /**
   * Exposes the embedding tensor of {@code graph} as a graph output, adding a node where needed.
   *
   * @param requested a tensor name, or null for the automatic choice
   * @param modelName names the model in messages
   * @return the name of the exposed tensor
   * @throws IllegalArgumentException if {@code requested} names no node output or graph output
   *     (the message lists names that exist)
   * @throws IOException if the automatic choice finds no pooling node
   */
  static String expose(OnnxModelGraph graph, String requested, String modelName)
      throws IOException {
    String tensor = requested == null ? automatic(graph, modelName) : byName(graph, requested,
        modelName);
    graph.addOutput(tensor);
    return tensor;
  }

  private static String byName(OnnxModelGraph graph, String name, String modelName) {
    if (graph.isNodeOutput(name) || graph.outputNames().contains(name)) {
      return name;
    }
    throw new IllegalArgumentException(
        "no tensor named '" + name + "' in " + modelName + "; graph outputs: "
            + graph.outputNames() + "; last " + NAMES_SHOWN + " node outputs: "
            + graph.lastNodeOutputs(NAMES_SHOWN));
  }

  private static String automatic(OnnxModelGraph graph, String modelName) throws IOException {
    NodeProto pool = lastPoolingNode(graph);
    if (pool == null) {
      throw new IOException(
          modelName + " has no pooling node (GlobalAveragePool, QLinearGlobalAveragePool,"
              + " GlobalMaxPool, spatial ReduceMean or AveragePool) to take the embedding from;"
              + " name the tensor with embeddingTensor(...); last " + NAMES_SHOWN + " node outputs: " + graph.lastNodeOutputs(NAMES_SHOWN));
    }
    String pooled = pool.getOutput(0);
    if (pool.getOpType().startsWith("QLinear")) {
      return addDequantize(graph, pool, modelName);
    }
    return dequantizedCopy(graph, pooled).orElse(pooled);
  }

  /** The last global pooling node in graph order; the last AveragePool when there is none. */
  private static NodeProto lastPoolingNode(OnnxModelGraph graph) {
    NodeProto global = null;
    NodeProto average = null;
    for (NodeProto node : graph.nodes()) {
      if (GLOBAL_POOLS.contains(node.getOpType()) && isGlobal(graph, node)) {
        global = node;
      } else if (node.getOpType().equals("AveragePool")) {
        average = node;
      }
    }
    return global != null ? global : average;
  }

  /**
   * Whether a pooling node pools over space. Only ReduceMean needs a look: normalisation layers
   * use it over the last axis; a spatial mean reduces two axes. Axes that cannot be read (computed
   * at run time) count as spatial.
   */
  private static boolean isGlobal(OnnxModelGraph graph, NodeProto node) {
    if (!node.getOpType().equals("ReduceMean")) {
      return true;
    }
    List<Long> axes = new ArrayList<>();
    for (AttributeProto attribute : node.getAttributeList()) {
      if (attribute.getName().equals("axes")) {
        axes.addAll(attribute.getIntsList());
      }
    }
    if (axes.isEmpty() && node.getInputCount() > 1) {
      Optional<TensorProto> constant = graph.initializer(node.getInput(1));
      if (constant.isEmpty()) {
        return true;
      }
      axes.addAll(int64Values(constant.get()));
    }
    // No axes at all means "reduce everything": not a per-image vector.
    return axes.size() == 2;
  }

  private static List<Long> int64Values(TensorProto tensor) {
    List<Long> values = new ArrayList<>(tensor.getInt64DataList());
    if (values.isEmpty() && tensor.hasRawData()) {
      ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      while (raw.remaining() >= Long.BYTES) {
        values.add(raw.getLong());
      }
    }
    return values;
  }

  /** Adds {@code DequantizeLinear(pooled, y_scale, y_zero_point)} after a QLinear pooling op. */
  private static String addDequantize(OnnxModelGraph graph, NodeProto pool, String modelName)
      throws IOException {
    // QLinearGlobalAveragePool(X, x_scale, x_zero_point, y_scale, y_zero_point) -> Y
    if (pool.getInputCount() < 5) {
      throw new IOException(
          modelName + ": " + pool.getOpType() + " node '" + pool.getName()
              + "' lacks its output scale and zero point inputs");
    }
    String pooled = pool.getOutput(0);
    String output = graph.unusedName(pooled + "_dequantized");
    graph.appendNode(
        NodeProto.newBuilder()
            .setName(graph.unusedName("visualsearch_embedding_DequantizeLinear"))
            .setOpType("DequantizeLinear")
            .addInput(pooled)
            .addInput(pool.getInput(3))
            .addInput(pool.getInput(4))
            .addOutput(output)
            .build());
    return output;
  }

  /**
   * The output of the DequantizeLinear at the end of a QuantizeLinear → (Squeeze | Reshape |
   * Flatten)* → DequantizeLinear chain fed by {@code tensor}, if there is one.
   */
  private static Optional<String> dequantizedCopy(OnnxModelGraph graph, String tensor) {
    for (NodeProto quantize : graph.consumersOf(tensor)) {
      if (!quantize.getOpType().equals("QuantizeLinear")) {
        continue;
      }
      String current = quantize.getOutput(0);
      // Bounded by the node count: each step moves to a later node's output.
      for (int step = 0; step <= graph.nodes().size(); step++) {
        String data = current;
        List<NodeProto> consumers = graph.consumersOf(data);
        Optional<NodeProto> dequantize =
            consumers.stream()
                .filter(n -> n.getOpType().equals("DequantizeLinear"))
                .filter(n -> n.getInput(0).equals(data))
                .findFirst();
        if (dequantize.isPresent()) {
          return Optional.of(dequantize.get().getOutput(0));
        }
        if (consumers.size() != 1 || !SHAPE_ONLY_OPS.contains(consumers.get(0).getOpType())) {
          break;
        }
        current = consumers.get(0).getOutput(0);
      }
    }
    return Optional.empty();
  }
}
