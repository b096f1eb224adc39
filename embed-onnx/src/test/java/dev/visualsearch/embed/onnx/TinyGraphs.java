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

  /** Channels of the ResNet-shaped graph's stem and residual block. */
  static final int RES_CHANNELS = 6;

  /**
   * The layer pattern of a torchvision/MXNet ResNet, small: pixels [N,3,S,S] float → stem Conv
   * 3×3 stride 2 → BatchNormalization → Relu → MaxPool 3×3 stride 2 pad 1 → one basic residual
   * block (Conv 1×1 → BN → Relu → Conv 1×1 → BN → Add with the block input → Relu) →
   * GlobalAveragePool ("pooled", [N,6,1,1]) → Flatten → Gemm ("logits", [N,5]). Weights are
   * seeded random ({@link ResNetWeights}). {@code size} 0 leaves height and width dynamic.
   */
  static ModelProto resNetShaped(int size, ResNetWeights w) {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-resnet-block");
    graph.addInput(valueInfo("pixels", dim("batch"), dim(3), size == 0 ? dim("H") : dim(size),
        size == 0 ? dim("W") : dim(size)));
    int c = RES_CHANNELS;
    graph.addInitializer(floats("stem_w", w.stemWeights, c, 3, 3, 3));
    graph.addInitializer(floats("stem_b", w.stemBias, c));
    graph.addInitializer(floats("block_w1", w.block1, c, c, 1, 1));
    graph.addInitializer(floats("block_w2", w.block2, c, c, 1, 1));
    graph.addInitializer(floats("head_w", w.head, CLASSES, c));
    graph.addInitializer(floats("head_b", w.headBias, CLASSES));
    for (int i = 0; i < 3; i++) {
      graph.addInitializer(floats("bn" + i + "_scale", w.bnScale[i], c));
      graph.addInitializer(floats("bn" + i + "_bias", w.bnBias[i], c));
      graph.addInitializer(floats("bn" + i + "_mean", w.bnMean[i], c));
      graph.addInitializer(floats("bn" + i + "_var", w.bnVar[i], c));
    }
    graph.addNode(node("Conv", "stem", new String[] {"pixels", "stem_w", "stem_b"}, "stem")
        .addAttribute(ints("kernel_shape", 3, 3))
        .addAttribute(ints("strides", 2, 2)));
    graph.addNode(batchNorm(0, "stem", "stem_bn"));
    graph.addNode(node("Relu", "stem_relu", new String[] {"stem_bn"}, "stem_relu"));
    graph.addNode(node("MaxPool", "stem_pool", new String[] {"stem_relu"}, "block_in")
        .addAttribute(ints("kernel_shape", 3, 3))
        .addAttribute(ints("strides", 2, 2))
        .addAttribute(ints("pads", 1, 1, 1, 1)));
    graph.addNode(node("Conv", "block_conv1", new String[] {"block_in", "block_w1"}, "conv1")
        .addAttribute(ints("kernel_shape", 1, 1)));
    graph.addNode(batchNorm(1, "conv1", "bn1"));
    graph.addNode(node("Relu", "block_relu1", new String[] {"bn1"}, "relu1"));
    graph.addNode(node("Conv", "block_conv2", new String[] {"relu1", "block_w2"}, "conv2")
        .addAttribute(ints("kernel_shape", 1, 1)));
    graph.addNode(batchNorm(2, "conv2", "bn2"));
    graph.addNode(node("Add", "block_add", new String[] {"bn2", "block_in"}, "sum"));
    graph.addNode(node("Relu", "block_relu2", new String[] {"sum"}, "block_out"));
    graph.addNode(node("GlobalAveragePool", "pool", new String[] {"block_out"}, "pooled"));
    graph.addNode(node("Flatten", "flatten", new String[] {"pooled"}, "flat")
        .addAttribute(integer("axis", 1)));
    graph.addNode(node("Gemm", "fc", new String[] {"flat", "head_w", "head_b"}, "logits")
        .addAttribute(integer("transB", 1)));
    graph.addOutput(valueInfo("logits", dim("batch"), dim(CLASSES)));
    return model(graph);
  }

  private static NodeProto.Builder batchNorm(int i, String input, String output) {
    return node("BatchNormalization", "bn" + i,
        new String[] {input, "bn" + i + "_scale", "bn" + i + "_bias", "bn" + i + "_mean",
            "bn" + i + "_var"}, output)
        .addAttribute(AttributeProto.newBuilder().setName("epsilon")
            .setType(AttributeProto.AttributeType.FLOAT).setF(ResNetWeights.EPSILON));
  }

  /** Seeded random weights of {@link #resNetShaped}, and the graph's value, computed in Java. */
  static final class ResNetWeights {
    static final float EPSILON = 1e-5f;
    final long seed;
    final float[] stemWeights = new float[RES_CHANNELS * 27];
    final float[] stemBias = new float[RES_CHANNELS];
    final float[] block1 = new float[RES_CHANNELS * RES_CHANNELS];
    final float[] block2 = new float[RES_CHANNELS * RES_CHANNELS];
    final float[] head = new float[CLASSES * RES_CHANNELS];
    final float[] headBias = new float[CLASSES];
    final float[][] bnScale = new float[3][RES_CHANNELS];
    final float[][] bnBias = new float[3][RES_CHANNELS];
    final float[][] bnMean = new float[3][RES_CHANNELS];
    final float[][] bnVar = new float[3][RES_CHANNELS];

    ResNetWeights(long seed) {
      this.seed = seed;
      Random random = new Random(seed);
      fill(random, stemWeights, 0.3f, 0f);
      fill(random, stemBias, 1f, 0f);
      fill(random, block1, 1f, 0f);
      fill(random, block2, 1f, 0f);
      fill(random, head, 1f, 0f);
      fill(random, headBias, 1f, 0f);
      for (int i = 0; i < 3; i++) {
        fill(random, bnScale[i], 1f, 1f); // 0.5 .. 1.5
        fill(random, bnBias[i], 1f, 0f);
        fill(random, bnMean[i], 1f, 0f);
        fill(random, bnVar[i], 1f, 1f);
      }
    }

    private static void fill(Random random, float[] values, float spread, float centre) {
      for (int i = 0; i < values.length; i++) {
        values[i] = centre + (random.nextFloat() - 0.5f) * spread;
      }
    }

    /**
     * The pooled vector for an input that is {@code v[c]} everywhere in channel c. Every layer
     * keeps a constant map constant: the stem's valid 3×3 windows all see the same values, max
     * pooling over a padded border ignores the padding, and 1×1 convolutions are per position.
     */
    float[] pooledForConstantInput(float[] v) {
      double[] x = new double[RES_CHANNELS];
      for (int k = 0; k < RES_CHANNELS; k++) {
        double sum = stemBias[k];
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < 9; i++) {
            sum += (double) stemWeights[(k * 3 + c) * 9 + i] * v[c];
          }
        }
        x[k] = sum;
      }
      double[] blockIn = relu(batchNorm(0, x));
      double[] r1 = relu(batchNorm(1, conv1x1(block1, blockIn)));
      double[] b2 = batchNorm(2, conv1x1(block2, r1));
      float[] out = new float[RES_CHANNELS];
      for (int k = 0; k < RES_CHANNELS; k++) {
        out[k] = (float) Math.max(0, b2[k] + blockIn[k]);
      }
      return out;
    }

    float[] logits(float[] pooled) {
      float[] logits = new float[CLASSES];
      for (int i = 0; i < CLASSES; i++) {
        double sum = headBias[i];
        for (int k = 0; k < RES_CHANNELS; k++) {
          sum += (double) head[i * RES_CHANNELS + k] * pooled[k];
        }
        logits[i] = (float) sum;
      }
      return logits;
    }

    private double[] batchNorm(int i, double[] x) {
      double[] y = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        y[k] = bnScale[i][k] * (x[k] - bnMean[i][k]) / Math.sqrt(bnVar[i][k] + EPSILON)
            + bnBias[i][k];
      }
      return y;
    }

    private static double[] conv1x1(float[] w, double[] x) {
      double[] y = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        for (int k = 0; k < x.length; k++) {
          y[j] += w[j * x.length + k] * x[k];
        }
      }
      return y;
    }

    private static double[] relu(double[] x) {
      double[] y = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        y[k] = Math.max(0, x[k]);
      }
      return y;
    }
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
