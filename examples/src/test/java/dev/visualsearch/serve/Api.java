package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A test client of the server's API: plain requests, answers as status, type and JSON. */
final class Api {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One answer. */
  record Answer(int status, String contentType, byte[] body) {
    JsonNode json() {
      assertThat(contentType).as("content type of %s", text()).startsWith("application/json");
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + (contentType.startsWith("image/") ? body.length
          + " bytes" : text());
    }
  }

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  Api(URI base) {
    this.base = base;
  }

  Answer get(String rawPath) {
    return send(HttpRequest.newBuilder(base.resolve(rawPath)).GET());
  }

  Answer getWithCookie(String rawPath, String cookie) {
    return send(HttpRequest.newBuilder(base.resolve(rawPath)).header("Cookie", cookie).GET());
  }

  Answer send(String method, String rawPath, String contentType, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(rawPath))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  Answer postJson(String rawPath, String json) {
    return send("POST", rawPath, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs {@code content} as the file field {@code field} of a multipart/form-data body. */
  Answer upload(String rawPath, String field, String filename, String declaredType, byte[] content) {
    String boundary = "----visualsearch-test-boundary-7d1f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
        + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send("POST", rawPath, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          client.send(request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      Answer answer = new Answer(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
      System.out.println(request.build().method() + " " + request.build().uri() + " -> " + answer);
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asserts a JSON error with {@code status} whose message contains each of {@code fragments}. */
  static String assertError(Answer answer, int status, String... fragments) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    JsonNode json = answer.json();
    assertThat(json.size()).as("only an error field: %s", json).isEqualTo(1);
    String message = json.path("error").asText();
    assertThat(message).as(answer.toString()).isNotBlank().contains(fragments);
    // Never internals: no stack frames or exception class names.
    assertThat(message).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    return message;
  }
}
