package dev.visualsearch.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON factory of the server, and a helper that renders a document to bytes. */
final class Json {

  /** What writes one JSON document. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  // Interaction bodies are small; tight nesting and string limits keep a hostile body cheap.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build())
          .build();

  private Json() {}

  static byte[] render(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  static byte[] error(String message) {
    return render(json -> {
      json.writeStartObject();
      json.writeStringField("error", message);
      json.writeEndObject();
    });
  }

  static JsonParser parser(byte[] body) throws IOException {
    return FACTORY.createParser(body);
  }
}
