package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.visualsearch.image.ImageDecodeException.Reason;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeFailuresTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "%PDF-1.7 blah blah | a PDF document, not an image (starts with bytes 25 50 44 46 2d 31 2e 37)",
    "x | not a recognised image format (starts with bytes 78, \"x\", which look like text",
    "<html><body>404</body></html> | (starts with bytes 3c 68 74 6d 6c 3e 3c 62, \"<html><b\"",
  })
  void unrecognisedBytesAreDescribedFactually(String content, String expected) {
    byte[] bytes = content.strip().getBytes(StandardCharsets.ISO_8859_1);

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> ImageDecoder.defaults().decode(new ByteArrayInputStream(bytes), "f"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
        .withMessageStartingWith("f: ")
        .withMessageContaining(expected.strip());
  }

  @Test
  void heifIsNamedAsAnIsoMediaFile() {
    byte[] heif = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> ImageDecoder.defaults().decode(new ByteArrayInputStream(heif), "p.heic"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
        .withMessageContaining("an ISO media file (HEIF, AVIF or video)");
  }

  @Test
  void binaryBytesAreNotCalledText() {
    byte[] bytes = {0x00, 0x01, (byte) 0xFE, 0x41};

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> ImageDecoder.defaults().decode(new ByteArrayInputStream(bytes), "bin"))
        .withMessage("bin: not a recognised image format (starts with bytes 00 01 fe 41; "
            + "no installed ImageIO reader accepts them)");
  }

  @Test
  void readerMessagesThatMeanTheDataEndedEarlyAreRecognised() {
    assertThat(DecodeFailures.meansTruncated("Premature end of JPEG file")).isTrue();
    assertThat(DecodeFailures.meansTruncated("Corrupt JPEG data: premature end of data segment"))
        .isTrue();
    assertThat(DecodeFailures.meansTruncated("Truncated File - Missing EOI marker")).isTrue();
    assertThat(DecodeFailures.meansTruncated("Unexpected end of ZLIB input stream")).isTrue();
    assertThat(DecodeFailures.meansTruncated("No embedded ICC color profile, will convert using "
        + "inaccurate CMYK to RGB conversion. Colors may look incorrect.")).isFalse();
    assertThat(DecodeFailures.meansTruncated(
        "Corrupt JPEG data: 3 extraneous bytes before marker 0xd9")).isFalse();
    assertThat(DecodeFailures.meansTruncated(null)).isFalse();
  }

  @Test
  void readerFailuresAreClassifiedByCauseAndWarnings() {
    IIOException wrapsEof = new IIOException("I/O error reading image!", new EOFException());
    IIOException plain = new IIOException("Bogus Huffman table definition");
    IIOException unsupported = new IIOException("Unsupported Image Type");

    assertThat(DecodeFailures.fromReaderFailure("s", "GIF", wrapsEof, List.of()).reason())
        .isEqualTo(Reason.TRUNCATED);
    assertThat(DecodeFailures.fromReaderFailure("s", "JPEG", plain, List.of()).reason())
        .isEqualTo(Reason.MALFORMED);
    assertThat(DecodeFailures.fromReaderFailure("s", "JPEG", plain,
        List.of("Truncated File - Missing EOI marker")).reason()).isEqualTo(Reason.TRUNCATED);
    ImageDecodeException e = DecodeFailures.fromReaderFailure("s", "JPEG", unsupported, List.of());
    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(e.getMessage()).contains(ImageDecoder.TWELVEMONKEYS_JPEG);
    assertThat(e.getCause()).isSameAs(unsupported);
  }
}
