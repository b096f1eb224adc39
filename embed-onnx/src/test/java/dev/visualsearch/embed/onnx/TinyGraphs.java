package dev.visualsearch.embed.onnx;

import dev.visualsearch.embed.onnx.proto.AttributeProto;
import dev.visualsearch.embed.onnx.proto.GraphProto;
import dev.visualsearch.embed.onnx.proto.ModelProto;
import dev.visualsearch.embed.onnx.proto.NodeProto;
import dev.visualsearch.embed.onnx.proto.OperatorSetIdProto;
import dev.visualsearch.embed.onnx.proto.TensorProto;
import dev.visualsearch.embed.onnx.proto.TensorShapeProto;
import dev.visualsearch.embed.onnx.proto.TypeProto;
import dev.visualsearch.embed.onnx.proto.ValueInfoProto;
import java.util.Random;

/**
 * Small ONNX graphs built with the project's own proto classes, standing in for models that cannot
 * be downloaded here (ResNet): same op pattern, a few seeded random weights.
 */
final class TinyGraphs {

  static final int CHANNELS = 4;
  static final int CLASSES = 5;
  static final long SEED = 20240501L;

  // conv_w[k][c][i][j], 3x3 kernels, small so that the biases below decide each channel's sign.
  static final float[][][][] CONV_W = new float[CHANNELS][3][3][3];
  static final float[] CONV_B = {5f, -5f, 0.3f, 0.7f}; // channel 1 always ends below zero: ReLU
  static final float[][] FC_W = new float[CLASSES][CHANNELS];
  static final float[] FC_B = new float[CLASSES];

  static {
    Random random = new Random(SEED);
    for (float[][][] k : CONV_W) {
      for (float[][] c : k) {
        for (float[] row : c) {
          for (int j = 0; j < row.length; j++) {
            row[j] = (random.nextFloat() - 0.5f) * 0.1f;
          }
        }
      }
    }
    for (float[] row : FC_W) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextFloat() - 0.5f;
      }
    }
    for (int i = 0; i < FC_B.length; i++) {
      FC_B[i] = random.nextFloat() - 0.5f;
    }
  }

  private TinyGraphs() {}

  /**
   * pixels [N,3,S,S] float → Conv 3×3 stride 2 → Relu → GlobalAveragePool ("pooled", [N,4,1,1])
   * → Flatten → Gemm ("logits", [N,5]): the tail of a torchvision ResNet. {@code size} 0 leaves
   * height and width dynamic.
   */
  static ModelProto resNetStyle(int size) {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-resnet");
    graph.addInput(valueInfo("pixels", dim("N"), dim(3), size == 0 ? dim("H") : dim(size),
        size == 0 ? dim("W") : dim(size)));
    graph.addInitializer(floats("conv_w", flatten(CONV_W), CHANNELS, 3, 3, 3));
    graph.addInitializer(floats("conv_b", CONV_B, CHANNELS));
    graph.addInitializer(floats("fc_w", flatten(FC_W), CLASSES, CHANNELS));
    graph.addInitializer(floats("fc_b", FC_B, CLASSES));
    graph.addNode(node("Conv", "conv", new String[] {"pixels", "conv_w", "conv_b"}, "conv")
        .addAttribute(ints("kernel_shape", 3, 3))
        .addAttribute(ints("strides", 2, 2)));
    graph.addNode(node("Relu", "relu", new String[] {"conv"}, "relu"));
    graph.addNode(node("GlobalAveragePool", "pool", new String[] {"relu"}, "pooled"));
    graph.addNode(node("Flatten", "flatten", new String[] {"pooled"}, "flat")
        .addAttribute(integer("axis", 1)));
    graph.addNode(node("Gemm", "fc", new String[] {"flat", "fc_w", "fc_b"}, "logits")
        .addAttribute(integer("transB", 1)));
    graph.addOutput(valueInfo("logits", dim("N"), dim(CLASSES)));
    return model(graph);
  }

  /**
   * pixels [N,3,16,16] → Conv → ReduceMean over axes 2,3 ("pooled", [N,4]) → ReduceMean over the
   * last axis ("scalar", a normalisation-style mean that is no global pool) → output.
   */
  static ModelProto reduceMeanStyle() {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-reduce-mean");
    graph.addInput(valueInfo("pixels", dim("N"), dim(3), dim(16), dim(16)));
    graph.addInitializer(floats("conv_w", flatten(CONV_W), CHANNELS, 3, 3, 3));
    graph.addInitializer(floats("conv_b", CONV_B, CHANNELS));
    graph.addNode(node("Conv", "conv", new String[] {"pixels", "conv_w", "conv_b"}, "conv")
        .addAttribute(ints("kernel_shape", 3, 3)));
    graph.addNode(node("ReduceMean", "spatial_mean", new String[] {"conv"}, "pooled")
        .addAttribute(ints("axes", 2, 3))
        .addAttribute(integer("keepdims", 0)));
    graph.addNode(node("ReduceMean", "feature_mean", new String[] {"pooled"}, "scalar")
        .addAttribute(ints("axes", -1))
        .addAttribute(integer("keepdims", 1)));
    graph.addOutput(valueInfo("scalar", dim("N"), dim(1)));
    return model(graph);
  }

  /** A model whose only input is a feature vector, not an image. */
  static ModelProto vectorInput() {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-vector");
    graph.addInput(valueInfo("features", dim("N"), dim(16)));
    graph.addNode(node("Relu", "relu", new String[] {"features"}, "out"));
    graph.addOutput(valueInfo("out", dim("N"), dim(16)));
    return model(graph);
  }

  private static ModelProto model(GraphProto.Builder graph) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph)
        .build();
  }

  private static NodeProto.Builder node(String op, String name, String[] inputs, String output) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node;
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder attribute =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long value : values) {
      attribute.addInts(value);
    }
    return attribute.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      tensor.addDims(d);
    }
    for (float v : values) {
      tensor.addFloatData(v);
    }
    return tensor.build();
  }

  private static ValueInfoProto valueInfo(String name, TensorShapeProto.Dimension... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (TensorShapeProto.Dimension d : dims) {
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT_VALUE)
            .setShape(shape)))
        .build();
  }

  private static TensorShapeProto.Dimension dim(long value) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
  }

  private static TensorShapeProto.Dimension dim(String param) {
    return TensorShapeProto.Dimension.newBuilder().setDimParam(param).build();
  }

  private static float[] flatten(float[][][][] w) {
    float[] flat = new float[CHANNELS * 27];
    int i = 0;
    for (float[][][] k : w) {
      for (float[][] c : k) {
        for (float[] row : c) {
          for (float v : row) {
            flat[i++] = v;
          }
        }
      }
    }
    return flat;
  }

  private static float[] flatten(float[][] w) {
    float[] flat = new float[w.length * w[0].length];
    int i = 0;
    for (float[] row : w) {
      for (float v : row) {
        flat[i++] = v;
      }
    }
    return flat;
  }

  /**
   * What the conv → ReLU → global average pool of {@link #resNetStyle} gives for an input that
   * is {@code v[c]} everywhere in channel c: every position sees the same 3×3×3 window.
   */
  static float[] pooledForConstantInput(float[] v) {
    float[] pooled = new float[CHANNELS];
    for (int k = 0; k < CHANNELS; k++) {
      double sum = CONV_B[k];
      for (int c = 0; c < 3; c++) {
        for (float[] row : CONV_W[k][c]) {
          for (float w : row) {
            sum += w * v[c];
          }
        }
      }
      pooled[k] = (float) Math.max(0, sum);
    }
    return pooled;
  }

  /** The Gemm of {@link #resNetStyle}: fc_w · pooled + fc_b. */
  static float[] logits(float[] pooled) {
    float[] logits = new float[CLASSES];
    for (int i = 0; i < CLASSES; i++) {
      double sum = FC_B[i];
      for (int k = 0; k < CHANNELS; k++) {
        sum += FC_W[i][k] * pooled[k];
      }
      logits[i] = (float) sum;
    }
    return logits;
  }
}
