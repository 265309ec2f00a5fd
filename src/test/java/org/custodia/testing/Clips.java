package org.custodia.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test media, made at test time with Debian's ffmpeg (scripts/test installs it). */
public final class Clips {
  private Clips() {}

  /** A fresh directory under {@code target/} for a test's media. */
  public static Path dir(String prefix) throws Exception {
    return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
  }

  /**
   * Runs {@code ffmpeg -y -v error <args> <out>} and returns {@code out}; a failing ffmpeg fails
   * the test with its output.
   */
  public static Path ffmpeg(Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error"));
    cmd.addAll(List.of(args));
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    return out;
  }

  /** An H.264 MP4 of a lavfi video source, e.g. {@code testsrc=size=320x180:rate=25:duration=4}. */
  public static Path h264(Path out, String source) throws Exception {
    return ffmpeg(out, "-f", "lavfi", "-i", source, "-c:v", "libx264", "-pix_fmt", "yuv420p");
  }

  /** One still frame of a lavfi video source, as the name's format (PNG, JPEG). */
  public static Path still(Path out, String source) throws Exception {
    return ffmpeg(out, "-f", "lavfi", "-i", source, "-frames:v", "1");
  }
}
