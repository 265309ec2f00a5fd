package org.custodia.preservation;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.custodia.dossier.EvidenceKind;
import org.custodia.media.MediaFacts;
import org.custodia.media.MediaService;
import org.custodia.media.MediaUnprocessableException;
import org.custodia.preservation.CheckReport.Result;

/**
 * usability.opens: whether a local copy of an original opens as what it claims to be. Audio and
 * video: FFmpeg's probe (the media job's); images: the JDK's image reader reads the header (width
 * and height, not the pixels); PDF: the header, and the cross-reference and end-of-file markers at
 * the end; OFD: a ZIP holding OFD.xml; text: valid UTF-8 or GB 18030 throughout (streamed). Nothing
 * reads the whole file into memory.
 */
final class Openers {
  private Openers() {}

  /** What opening found. */
  record Opened(Result result, String detail) {}

  static Opened open(MediaService media, EvidenceKind kind, String contentType, Path file) {
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    try {
      if (kind == EvidenceKind.VIDEO || kind == EvidenceKind.AUDIO) {
        MediaFacts f = media.probe(file);
        return new Opened(
            Result.PASS,
            "FFmpeg probes it: "
                + f.container()
                + (f.videoCodec() == null ? "" : ", video " + f.videoCodec())
                + (f.audioCodec() == null ? "" : ", audio " + f.audioCodec())
                + (f.durationMs() == null ? "" : ", " + f.durationMs() + " ms"));
      }
      if (type.startsWith("image/")) {
        return image(file);
      }
      return switch (type) {
        case "application/pdf" -> pdf(file);
        case "application/ofd" -> ofd(file);
        case "text/plain" -> text(file);
        default -> new Opened(Result.WARN, "no opener for " + type + ": not checked");
      };
    } catch (MediaUnprocessableException e) {
      return new Opened(Result.FAIL, "does not open as audio or video: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Opened(Result.FAIL, "does not open as " + type + ": " + e.getMessage());
    }
  }

  private static Opened image(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return new Opened(Result.FAIL, "no image format recognises it");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        return w > 0 && h > 0
            ? new Opened(Result.PASS, reader.getFormatName() + " image, " + w + "×" + h)
            : new Opened(Result.FAIL, "an image of no size");
      } finally {
        reader.dispose();
      }
    }
  }

  private static Opened pdf(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      byte[] head = new byte[8];
      int n = raf.read(head);
      String start = n > 0 ? new String(head, 0, n, StandardCharsets.ISO_8859_1) : "";
      if (!start.matches("%PDF-\\d\\.\\d.*")) {
        return new Opened(Result.FAIL, "no %PDF- header: not a PDF");
      }
      long length = raf.length();
      int tail = (int) Math.min(length, 2048);
      byte[] end = new byte[tail];
      raf.seek(length - tail);
      raf.readFully(end);
      String text = new String(end, StandardCharsets.ISO_8859_1);
      if (!text.contains("%%EOF") || !text.contains("startxref")) {
        return new Opened(Result.FAIL, "no startxref and %%EOF at the end: a truncated PDF");
      }
      return new Opened(Result.PASS, "PDF " + start.substring(5, 8) + ", header and trailer");
    }
  }

  private static Opened ofd(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.getEntry("OFD.xml") != null
          ? new Opened(Result.PASS, "OFD package with OFD.xml, " + zip.size() + " entries")
          : new Opened(Result.FAIL, "a ZIP without OFD.xml: not an OFD document");
    }
  }

  private static Opened text(Path file) throws IOException {
    if (decodes(file, StandardCharsets.UTF_8.newDecoder())) {
      return new Opened(Result.PASS, "text, valid UTF-8");
    }
    if (decodes(file, java.nio.charset.Charset.forName("GB18030").newDecoder())) {
      return new Opened(Result.PASS, "text, valid GB 18030");
    }
    return new Opened(Result.FAIL, "neither valid UTF-8 nor GB 18030 text");
  }

  /** Decodes the file strictly, 64 KiB at a time. */
  private static boolean decodes(Path file, CharsetDecoder decoder) throws IOException {
    decoder
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    CharBuffer out = CharBuffer.allocate(64 * 1024);
    try (InputStream s = Files.newInputStream(file)) {
      byte[] buf = new byte[32 * 1024];
      int n;
      while ((n = s.read(buf, 0, Math.min(buf.length, in.remaining()))) > 0) {
        in.put(buf, 0, n);
        in.flip();
        if (decoder.decode(in, out, false).isError()) {
          return false;
        }
        out.clear();
        in.compact();
      }
      in.flip();
      if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
        return false;
      }
      return !in.hasRemaining();
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
