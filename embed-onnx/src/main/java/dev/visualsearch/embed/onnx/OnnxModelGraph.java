package dev.visualsearch.embed.onnx;

import dev.visualsearch.embed.onnx.proto.GraphProto;
import dev.visualsearch.embed.onnx.proto.ModelProto;
import dev.visualsearch.embed.onnx.proto.NodeProto;
import dev.visualsearch.embed.onnx.proto.TensorProto;
import dev.visualsearch.embed.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An editable in-memory copy of an ONNX model's main graph, parsed with the subset classes of
 * {@code onnx_graph.proto}. Fields the subset does not declare survive {@link #toByteArray()}
 * unchanged, because protobuf keeps them as unknown fields.
 *
 * <p>Not thread-safe: used by one thread while an embedder is being built.
 */
final class OnnxModelGraph {

  private final ModelProto.Builder model;
  private final GraphProto.Builder graph;

  private OnnxModelGraph(ModelProto.Builder model) {
    this.model = model;
    this.graph = model.getGraphBuilder();
  }

  /**
   * Parses a serialised ModelProto.
   *
   * @throws IOException if the bytes are not an ONNX model
   */
  static OnnxModelGraph parse(byte[] bytes, String modelName) throws IOException {
    ModelProto.Builder model;
    try {
      model = ModelProto.parseFrom(bytes).toBuilder();
    } catch (IOException e) {
      throw new IOException(modelName + " is not an ONNX model: " + e.getMessage(), e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new IOException(modelName + " is not an ONNX model: it has no graph nodes");
    }
    return new OnnxModelGraph(model);
  }

  /** The nodes in graph (topological) order. */
  List<NodeProto> nodes() {
    return graph.getNodeList();
  }

  /** The names of the graph outputs, in order. */
  List<String> outputNames() {
    List<String> names = new ArrayList<>();
    for (ValueInfoProto output : graph.getOutputList()) {
      names.add(output.getName());
    }
    return names;
  }

  /** Whether some node produces {@code tensor}. */
  boolean isNodeOutput(String tensor) {
    return producerOf(tensor).isPresent();
  }

  /** The node that produces {@code tensor}, if any. */
  Optional<NodeProto> producerOf(String tensor) {
    for (NodeProto node : graph.getNodeList()) {
      if (node.getOutputList().contains(tensor)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** The nodes that read {@code tensor}, in graph order. */
  List<NodeProto> consumersOf(String tensor) {
    List<NodeProto> consumers = new ArrayList<>();
    for (NodeProto node : graph.getNodeList()) {
      if (node.getInputList().contains(tensor)) {
        consumers.add(node);
      }
    }
    return consumers;
  }

  /** The initializer named {@code name}, if any. */
  Optional<TensorProto> initializer(String name) {
    for (TensorProto tensor : graph.getInitializerList()) {
      if (tensor.getName().equals(name)) {
        return Optional.of(tensor);
      }
    }
    return Optional.empty();
  }

  /** Whether an initializer keeps its values in a file beside the model (ONNX external data). */
  boolean usesExternalData() {
    for (TensorProto tensor : graph.getInitializerList()) {
      if (tensor.getDataLocation() == 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * The names of the last {@code count} node outputs in graph order, for messages that must show
   * what exists.
   */
  List<String> lastNodeOutputs(int count) {
    List<String> names = new ArrayList<>();
    List<NodeProto> nodes = graph.getNodeList();
    for (int i = nodes.size() - 1; i >= 0 && names.size() < count; i--) {
      List<String> outputs = nodes.get(i).getOutputList();
      for (int j = outputs.size() - 1; j >= 0 && names.size() < count; j--) {
        if (!outputs.get(j).isEmpty()) {
          names.add(0, outputs.get(j));
        }
      }
    }
    return names;
  }

  /** {@code base}, or {@code base} with a numeric suffix, unused by any tensor or node name. */
  String unusedName(String base) {
    Set<String> used = new HashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      used.addAll(node.getOutputList());
      used.addAll(node.getInputList());
      used.add(node.getName());
    }
    for (ValueInfoProto value : graph.getInputList()) {
      used.add(value.getName());
    }
    for (TensorProto tensor : graph.getInitializerList()) {
      used.add(tensor.getName());
    }
    String name = base;
    for (int i = 2; used.contains(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  /** Appends a node; it must come after the producers of its inputs, which the end always does. */
  void appendNode(NodeProto node) {
    graph.addNode(node);
  }

  /**
   * Makes {@code tensor} a graph output, unless it is one already. Its type is not declared: ONNX
   * Runtime infers it.
   */
  void addOutput(String tensor) {
    if (!outputNames().contains(tensor)) {
      graph.addOutput(ValueInfoProto.newBuilder().setName(tensor));
    }
  }

  /** The edited model, serialised. */
  byte[] toByteArray() {
    return model.build().toByteArray();
  }
}
