package dev.visualsearch.embed.onnx;

import ai.onnxruntime.OnnxJavaType;

/** The element types of image inputs the embedder can feed. Immutable and thread-safe. */
enum InputElementType {
  FLOAT(Float.BYTES),
  UINT8(1);

  private final int bytes;

  InputElementType(int bytes) {
    this.bytes = bytes;
  }

  /** The bytes one element takes in the input buffer. */
  int bytes() {
    return bytes;
  }

  /** The type for ONNX Runtime's element type, or null when images cannot be fed as that type. */
  static InputElementType of(OnnxJavaType type) {
    switch (type) {
      case FLOAT:
        return FLOAT;
      case UINT8:
        return UINT8;
      default:
        return null;
    }
  }
}
