/**
 * Image embeddings from ONNX image models through ONNX Runtime.
 *
 * <p>{@link dev.visualsearch.embed.onnx.OnnxImageEmbedder} loads any ONNX image classifier (float
 * NCHW like torchvision exports, or uint8 NHWC like TFLite conversions), exposes the output of its
 * last global pooling layer as the embedding (adding the graph output in memory; the file is
 * never written), and preprocesses images the way the model was trained ({@link
 * dev.visualsearch.embed.onnx.Preprocessing}).
 *
 * <p>Only two types are public; the rest are package-private, one concern per file: reading the
 * model file ({@code ModelFile}), editing the graph ({@code OnnxModelGraph}, {@code
 * EmbeddingTensorLocator}, generated from the ONNX subset in {@code onnx_graph.proto}), the
 * image input ({@code InputSpec}), and preprocessing ({@code SourceRegion}, {@code
 * ImageResampler}, {@code RgbRows}, {@code TensorWriter}, {@code ImagePreprocessor}).
 */
package dev.visualsearch.embed.onnx;
