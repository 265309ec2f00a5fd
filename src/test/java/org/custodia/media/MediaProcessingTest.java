package org.custodia.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.custodia.review.ReviewUploads;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Clips generated per run with Debian's ffmpeg CLI, uploaded through tus, processed by the
 * service's own worker; facts and derived files are checked against what was generated.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MediaProcessingTest {
  @Inject AgroalDataSource db;

  static ReviewUploads uploads;
  static Path dir;

  @BeforeEach
  void setUp() throws Exception {
    if (uploads == null) {
      dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "clips-");
      uploads = new ReviewUploads();
    }
  }

  private static Path ffmpeg(String name, String... args) throws Exception {
    Path out = dir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error"));
    cmd.addAll(List.of(args));
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(log).isZero();
    return out;
  }

  private static final String[] VIDEO_2S = {
    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2"
  };

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** Waits for the evidence's media job to end; returns the evidence JSON. */
  private static JsonPath processed(UUID id) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (true) {
      JsonPath e =
          Api.as(uploads.admin())
              .get("/api/v1/evidence/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      String state = e.getString("jobs[0].state");
      if (state != null && !state.equals("QUEUED") && !state.equals("RUNNING")) {
        return e;
      }
      assertThat(System.currentTimeMillis()).as("job still " + state).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static byte[] fetch(String path, String token) {
    Response r = given().header("Authorization", "Bearer " + token).get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.asByteArray();
  }

  private static MediaFacts reprobe(byte[] bytes, String suffix) throws Exception {
    Path f = Files.createTempFile(dir, "reprobe-", suffix);
    Files.write(f, bytes);
    return MediaProcessor.probe(f).facts();
  }

  @Test
  void an_h264_mp4_is_probed_given_a_poster_and_stream_copied_into_a_faststart_review_copy()
      throws Exception {
    Path clip =
        ffmpeg(
            "h264.mp4",
            with(
                VIDEO_2S,
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-metadata",
                "creation_time=2026-11-27T09:30:00Z",
                "-metadata",
                "location=+31.2304+121.4737/",
                "-metadata",
                "make=ACME"));
    UUID id = uploads.upload(clip, "video/mp4");
    JsonPath e = processed(id);
    assertThat(e.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    assertThat(e.getInt("jobs[0].progress")).isEqualTo(100);
    assertThat(e.getString("jobs[0].kind")).isEqualTo("PROCESS");
    Api.as(uploads.user("AUDITOR"))
        .get("/api/v1/evidence/" + id + "/jobs")
        .then()
        .statusCode(200)
        .body("[0].state", org.hamcrest.Matchers.equalTo("SUCCEEDED"))
        .body("[0].progress", org.hamcrest.Matchers.equalTo(100));
    assertThat(e.getString("media.container")).contains("mp4");
    assertThat(e.getString("media.videoCodec")).isEqualTo("h264");
    assertThat(e.getString("media.audioCodec")).isEqualTo("aac");
    assertThat(e.getInt("media.width")).isEqualTo(320);
    assertThat(e.getInt("media.height")).isEqualTo(240);
    assertThat(e.getDouble("media.frameRate")).isEqualTo(25.0);
    assertThat(e.getLong("media.durationMs")).isBetween(1960L, 2100L);
    assertThat(e.getInt("media.audioChannels")).isEqualTo(1);
    assertThat(e.getString("media.creationTime")).startsWith("2026-11-27T09:30:00");
    Map<String, String> tags = e.getMap("media.tags");
    assertThat(tags).containsEntry("location", "+31.2304+121.4737/");
    List<Map<String, Object>> derived = e.getList("derived");
    assertThat(derived).extracting(d -> d.get("kind")).containsExactly("REVIEW_COPY", "THUMBNAIL");
    assertThat(mode(id)).isEqualTo("stream-copy");
    assertThat(source(id)).isEqualTo(e.getString("sha256"));

    String viewer = uploads.user("REVIEWER");
    byte[] review = fetch("/api/v1/evidence/" + id + "/review", viewer);
    assertThat(review).hasSize(e.getInt("derived[0].size"));
    assertThat(sha256(review)).isEqualTo(e.getString("derived[0].sha256"));
    // faststart: the movie header precedes the media data
    String head = new String(review, 0, Math.min(review.length, 4096), "ISO-8859-1");
    assertThat(head.indexOf("moov"))
        .isBetween(0, head.indexOf("mdat") < 0 ? 4096 : head.indexOf("mdat"));
    MediaFacts copy = reprobe(review, ".mp4");
    assertThat(copy.videoCodec()).isEqualTo("h264");
    assertThat(copy.durationMs())
        .isCloseTo(e.getLong("media.durationMs"), org.assertj.core.data.Offset.offset(40L));
    Response ranged =
        given()
            .header("Authorization", "Bearer " + viewer)
            .header("Range", "bytes=0-99")
            .get("/api/v1/evidence/" + id + "/review");
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.header("Content-Type")).isEqualTo("video/mp4");

    Response poster =
        given()
            .header("Authorization", "Bearer " + viewer)
            .get("/api/v1/evidence/" + id + "/thumbnail");
    assertThat(poster.statusCode()).isEqualTo(200);
    assertThat(poster.header("Content-Type")).isEqualTo("image/jpeg");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(poster.asByteArray()));
    assertThat(img.getWidth()).isEqualTo(320);
    assertThat(img.getHeight()).isEqualTo(240);
    // the original is untouched
    assertThat(sha256(fetch("/api/v1/evidence/" + id + "/content", viewer)))
        .isEqualTo(e.getString("sha256"));
  }

  @Test
  void an_mjpeg_avi_is_transcoded_to_h264_and_aac_within_a_frame_of_its_duration()
      throws Exception {
    Path clip =
        ffmpeg("mjpeg.avi", with(VIDEO_2S, "-c:v", "mjpeg", "-q:v", "5", "-c:a", "pcm_s16le"));
    UUID id = uploads.upload(clip, "video/x-msvideo");
    JsonPath e = processed(id);
    assertThat(e.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    assertThat(e.getString("media.container")).isEqualTo("avi");
    assertThat(e.getString("media.videoCodec")).isEqualTo("mjpeg");
    assertThat(e.getString("media.audioCodec")).isEqualTo("pcm_s16le");
    assertThat(mode(id)).isEqualTo("transcode");
    byte[] review = fetch("/api/v1/evidence/" + id + "/review", uploads.user("OFFICER"));
    MediaFacts copy = reprobe(review, ".mp4");
    assertThat(copy.container()).contains("mp4");
    assertThat(copy.videoCodec()).isEqualTo("h264");
    assertThat(copy.audioCodec()).isEqualTo("aac");
    assertThat(copy.width()).isEqualTo(320);
    assertThat(copy.durationMs())
        .isCloseTo(e.getLong("media.durationMs"), org.assertj.core.data.Offset.offset(40L));
  }

  @Test
  void audio_is_probed_and_an_mp3_is_its_own_review_copy_while_a_wav_is_transcoded()
      throws Exception {
    Path mp3 =
        ffmpeg(
            "tone.mp3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100:duration=3",
            "-ac",
            "2",
            "-c:a",
            "libmp3lame");
    UUID mp3Id = uploads.upload(mp3, "audio/mpeg");
    Path wav =
        ffmpeg(
            "tone.wav",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=16000:duration=3",
            "-c:a",
            "pcm_s16le");
    UUID wavId = uploads.upload(wav, "audio/wav");
    JsonPath m = processed(mp3Id);
    assertThat(m.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    assertThat(m.getString("media.audioCodec")).isEqualTo("mp3");
    assertThat(m.getInt("media.audioChannels")).isEqualTo(2);
    assertThat(m.getString("media.videoCodec")).isNull();
    assertThat(m.getList("derived")).isNull();
    String viewer = uploads.user("OFFICER");
    Response asIs =
        given()
            .header("Authorization", "Bearer " + viewer)
            .head("/api/v1/evidence/" + mp3Id + "/review");
    assertThat(asIs.statusCode()).isEqualTo(200);
    assertThat(asIs.header("ETag")).isEqualTo("\"" + m.getString("sha256") + "\"");
    JsonPath w = processed(wavId);
    assertThat(w.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    assertThat(w.getInt("media.sampleRate")).isEqualTo(16000);
    assertThat(w.getLong("media.durationMs")).isBetween(2990L, 3010L);
    MediaFacts copy = reprobe(fetch("/api/v1/evidence/" + wavId + "/review", viewer), ".m4a");
    assertThat(copy.audioCodec()).isEqualTo("aac");
    assertThat(copy.durationMs()).isBetween(2900L, 3100L);
  }

  @Test
  void truncated_and_random_files_fail_their_job_with_ffmpegs_reason_and_stay_archived()
      throws Exception {
    Path whole =
        ffmpeg(
            "whole.mp4", with(VIDEO_2S, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"));
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = dir.resolve("truncated.mp4");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path random = dir.resolve("random.mp4");
    byte[] noise = new byte[200_000];
    new Random(7).nextBytes(noise);
    Files.write(random, noise);
    UUID t = uploads.upload(truncated, "video/mp4");
    UUID r = uploads.upload(random, "video/mp4");
    String viewer = uploads.user("OFFICER");
    for (UUID id : List.of(t, r)) {
      JsonPath e = processed(id);
      assertThat(e.getString("jobs[0].state")).isEqualTo("FAILED");
      assertThat(e.getString("jobs[0].lastError")).startsWith("FFmpeg");
      assertThat(e.getInt("jobs[0].attempts")).isEqualTo(1);
      assertThat(sha256(fetch("/api/v1/evidence/" + id + "/content", viewer)))
          .isEqualTo(e.getString("sha256"));
      Response review =
          given()
              .header("Authorization", "Bearer " + viewer)
              .get("/api/v1/evidence/" + id + "/review");
      assertThat(review.statusCode()).isEqualTo(404);
      assertThat(review.jsonPath().getString("type")).endsWith("/not-ready");
    }
  }

  private String mode(UUID id) {
    return Jdbc.one(
            db,
            "SELECT parameters->>'mode' FROM evidence_derived WHERE evidence_id = ? AND kind = 'REVIEW_COPY'",
            rs -> rs.getString(1),
            id)
        .orElseThrow();
  }

  private String source(UUID id) {
    return Jdbc.one(
            db,
            "SELECT encode(source_sha256, 'hex') FROM evidence_derived WHERE evidence_id = ? AND kind = 'REVIEW_COPY'",
            rs -> rs.getString(1),
            id)
        .orElseThrow();
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }
}
