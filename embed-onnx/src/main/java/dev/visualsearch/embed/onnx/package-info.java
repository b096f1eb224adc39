/**
 * Image embeddings from ONNX image models through ONNX Runtime.
 *
 * <p>{@link dev.visualsearch.embed.onnx.OnnxImageEmbedder} loads any ONNX image classifier (float
 * NCHW like torchvision exports, or uint8 NHWC like TFLite conversions), exposes the output of its
 * last global pooling layer as the embedding (adding the graph output in memory; the file is
 * never written), and preprocesses images the way the model was trained ({@link
 * dev.visualsearch.embed.onnx.Preprocessing}).
 *
 * <p><b>Known models.</b> {@link dev.visualsearch.embed.onnx.ModelRegistry} names ResNet-18/50
 * (v1, v2) and MobileNetV2 from the ONNX Model Zoo and the two int8 MobileNetV2 files the project
 * tests with, each with a URL pinned to a commit, its sha256, preprocessing and embedding tensor;
 * {@link dev.visualsearch.embed.onnx.ModelCache} downloads them once into a cache directory
 * (verified, atomically renamed) or finds them in an offline model directory.
 *
 * <p><b>Throughput.</b> {@link dev.visualsearch.embed.onnx.InputBatch} separates preprocessing
 * from inference; {@link dev.visualsearch.embed.onnx.EmbeddingPipeline} overlaps decoding and
 * preprocessing of files with inference; {@link dev.visualsearch.embed.onnx.ScaledImageDecoder}
 * decodes large JPEGs at a reduced DCT scale with libjpeg-turbo when it is installed (8–10× less
 * CPU for a 12-megapixel photo), ImageIO otherwise. ONNX Runtime runs one intra-op thread per
 * caller without spinning by default: on a loaded 2-core machine spinning threads cost more than
 * they save, and several callers with one thread each keep the cores busy.
 *
 * <p><b>Quality options</b>, all off by default (the {@code EmbedQualityReport} in the benchmarks
 * module measures them: tuxpaint category mAP, change ± 2 standard errors paired over the 376
 * queries; pairs MRR). Flip averaging (mean of the image and its mirror image): −0.002 ± 0.006
 * (zoo), +0.001 ± 0.008 (ST), pairs unchanged, for twice the inference. Multi-scale views (mean of
 * three zooms): +0.009 ± 0.008 and +0.010 ± 0.007, pairs unchanged: a small, real gain for three
 * times the inference, left off because throughput matters more to most callers. {@link
 * dev.visualsearch.embed.onnx.PcaWhitening} learned from the collection itself: mAP 0.46 → 0.19–0.39
 * (zoo) and 0.38 → 0.18–0.35 (ST) for 256–32 dimensions, pairs no better: whitening evens out the
 * strong directions that carry the categories; it is meant for instance search on large
 * collections and must be measured there before use.
 *
 * <p>Only the types above, {@code KnownModel} and the two exceptions are public; the rest are
 * package-private, one concern per file: reading the model file ({@code ModelFile}), editing the
 * graph ({@code OnnxModelGraph}, {@code EmbeddingTensorLocator}, generated from the ONNX subset in
 * {@code onnx_graph.proto}), the image input ({@code InputSpec}), preprocessing ({@code
 * SourceRegion}, {@code ImageResampler}, {@code RgbRows}, {@code TensorWriter}, {@code
 * ImagePreprocessor}, {@code ImageViews}), fast JPEG decoding ({@code TurboJpeg}, {@code
 * JpegHeader}, {@code BgrOrientation}), and the eigen solver behind whitening ({@code
 * SymmetricEigen}).
 */
package dev.visualsearch.embed.onnx;
