package dev.visualsearch.embed.onnx;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The models the library knows by name: ResNet-18 and ResNet-50 (v1 and v2) and MobileNetV2
 * from the ONNX Model Zoo, and the two int8 MobileNetV2 files the project tests with. Each entry
 * pins a download URL at a fixed commit and the sha256 of the file at that commit.
 *
 * <p>Where the hashes come from. The two int8 MobileNetV2 entries were verified against the
 * files in the project's shared model folder (its {@code SHA256SUMS}). The ONNX Model Zoo keeps
 * its models in Git LFS, whose pointer file at a commit holds the sha256 ({@code oid sha256:}) and
 * size of the content; the zoo entries take both from those pointers at the pinned commits. Those
 * files are 14–102 MB and could not be downloaded where this was written, so their hashes were
 * not recomputed from the bytes: the first download checks them, and a mismatch is refused, never
 * used. Two of them were cross-checked against public projects that pin the same files after
 * downloading them: the sha256 and size of {@code resnet18-v1-7.onnx} (46 820 737 bytes) and of
 * {@code mobilenetv2-7.onnx} (14 246 826 bytes) appear, with those sizes, in several unrelated
 * repositories' download checks; the ResNet-18 v2 and ResNet-50 hashes were found nowhere else.
 * The zoo re-uploaded some files over the years (the pointer of {@code mobilenetv2-12-int8}
 * and {@code resnet50-v2-7} changed between commits), which is why every URL names a commit
 * rather than a branch.
 *
 * <p>The ResNet files are MXNet exports: input {@code data} float NCHW 224×224, torchvision's
 * recipe (the zoo's README: shorter side 256, centre crop 224, ImageNet mean/std); their embedding
 * tensor is left to the automatic choice, the output of the last GlobalAveragePool ([N, 512, 1, 1]
 * for ResNet-18, [N, 2048, 1, 1] for ResNet-50), because the node names differ between exports.
 *
 * <p>Thread-safe: the registry is immutable.
 */
public final class ModelRegistry {

  private static final String ZOO = "https://github.com/onnx/models/raw/";
  private static final String ZOO_PATH = "/vision/classification/";

  private static final Map<String, KnownModel> MODELS = new LinkedHashMap<>();

  static {
    // LFS pointer at onnx/models 5372b0b46b4a0cafcaf5f9f924e7494a088ffa86, size 46820737.
    add(zooResNet("resnet18-v1", "ResNet-18 v1 (ONNX Model Zoo resnet18-v1-7, opset 7, 512-d)",
        "5372b0b46b4a0cafcaf5f9f924e7494a088ffa86", "resnet18-v1-7.onnx", false,
        "4e8f8653e7a2222b3904cc3fe8e304cd8b339ce1d05fd24688162f86fb6df52c"));
    // LFS pointer at onnx/models 2a67a85e670e61bf9819e9df6dae3771974552ff (the "validated/"
    // layout), size 46806737.
    add(zooResNet("resnet18-v2", "ResNet-18 v2 (ONNX Model Zoo resnet18-v2-7, opset 7, 512-d)",
        "2a67a85e670e61bf9819e9df6dae3771974552ff", "resnet18-v2-7.onnx", true,
        "3b4d048057854022232aa20bf68262e31718ab7119a17f920b8a2dc1433f824b"));
    // The zoo's opset-12 re-export of ResNet-50 v1; the hash of resnet50-v1-7 could not be found
    // offline. LFS pointer at onnx/models 652f4e4af7975c8e7a505c4b6e0f8ac72d8260ea, size 102576419.
    add(zooResNet("resnet50-v1", "ResNet-50 v1 (ONNX Model Zoo resnet50-v1-12, opset 12, 2048-d)",
        "652f4e4af7975c8e7a505c4b6e0f8ac72d8260ea", "resnet50-v1-12.onnx", false,
        "ab65bdc02c5b3123eb3cdf6dac01742438517d8635d4f233913b2be1c70db3b6"));
    // LFS pointer at onnx/models b9a54e89508f101a1611cd64f4ef56b9cb62c7cf, size 102442450.
    add(zooResNet("resnet50-v2", "ResNet-50 v2 (ONNX Model Zoo resnet50-v2-7, opset 7, 2048-d)",
        "b9a54e89508f101a1611cd64f4ef56b9cb62c7cf", "resnet50-v2-7.onnx", false,
        "1e80e8a7c8eec8e8b20c440d7dd7f2f8590779c7c2859dc4514870dc463845d3"));
    // Float MobileNetV2 from the zoo. The hash of the fp32 mobilenetv2-12.onnx could not be found
    // offline; mobilenetv2-7 is the same network (opset 7). LFS pointer at onnx/models
    // 13fcb614fdedcc09864c0691c080ccf82ca3b85b, size 14246826.
    add(new KnownModel("mobilenetv2-7",
        "MobileNetV2 1.0 float (ONNX Model Zoo mobilenetv2-7, opset 7, 1280-d)",
        URI.create(ZOO + "13fcb614fdedcc09864c0691c080ccf82ca3b85b" + ZOO_PATH
            + "mobilenet/model/mobilenetv2-7.onnx"),
        "mobilenetv2-7.onnx",
        "c1c513582d56afceff8516c73804e484c81c6a830712ab6d682253f4a3cd042f",
        Preprocessing.torchvision().withSize(224), null));
    // Verified: byte-identical to shared/models/mobilenetv2-12-int8 (SHA256SUMS). The zoo's own
    // LFS copy of this name changed over time; this pins the copy in Lawrence-lugs/MARP.
    add(new KnownModel("mobilenetv2-12-int8",
        "MobileNetV2 1.0 int8 (ONNX Model Zoo mobilenetv2-12-int8, QLinear ops, float NCHW input,"
            + " 1280-d)",
        URI.create("https://github.com/Lawrence-lugs/MARP/raw/"
            + "ac0452b4bd7f24639dfd0b2445f42a14d2be2ba7/onnx_models/mobilenetv2-12-int8.onnx"),
        "mobilenetv2-12-int8.onnx",
        "83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f",
        // Automatic: the QLinearGlobalAveragePool output, dequantised by a node the loader adds.
        Preprocessing.torchvision().withSize(224), null));
    // Verified: byte-identical to shared/models/mobilenetv2-int8-st (SHA256SUMS).
    add(new KnownModel("mobilenetv2-int8-st",
        "MobileNetV2 1.0 int8 per-tensor QDQ (STMicroelectronics X-LINUX-AI, from Keras;"
            + " uint8 NHWC input, 1280-d)",
        URI.create("https://github.com/STMicroelectronics/meta-st-x-linux-ai/raw/"
            + "6813080f1bb326793950c5a3ae02a3fd59a94f28/recipes-samples/image-classification/"
            + "models/files/mobilenet_v2_1.0_224_int8_per_tensor.onnx"),
        "mobilenet_v2_1.0_224_int8_per_tensor.onnx",
        "479b0a378ff2503319dfd62913fde9ded309a2db5c9984bb8dfd3950b502c309",
        Preprocessing.rawUint8().withSize(224), "model_1/global_average_pooling2d/Mean_dequant"));
  }

  private ModelRegistry() {}

  /**
   * The model of that name.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no model has that name (the message lists the names)
   */
  public static KnownModel get(String name) {
    Objects.requireNonNull(name, "name");
    KnownModel model = MODELS.get(name);
    if (model == null) {
      throw new IllegalArgumentException(
          "no known model named '" + name + "'; known: " + String.join(", ", names()));
    }
    return model;
  }

  /** The names of all known models, in registry order. */
  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /** All known models, in registry order. */
  public static List<KnownModel> all() {
    return Collections.unmodifiableList(new ArrayList<>(MODELS.values()));
  }

  private static KnownModel zooResNet(String name, String description, String commit,
      String file, boolean validatedLayout, String sha256) {
    String path = (validatedLayout ? "/validated" : "") + ZOO_PATH + "resnet/model/" + file;
    return new KnownModel(name, description, URI.create(ZOO + commit + path),
        file, sha256, Preprocessing.torchvision().withSize(224), null);
  }

  private static void add(KnownModel model) {
    if (MODELS.putIfAbsent(model.name(), model) != null) {
      throw new AssertionError("duplicate model name " + model.name());
    }
  }
}
