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
import org.custodia.testing.Clips;
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
    return Clips.ffmpeg(dir.resolve(name), args);
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
    assertThat(derived)
        .extracting(d -> d.get("kind"))
        .containsExactly("REVIEW_COPY", "SPRITE", "THUMBNAIL");
    // each derived file says how long it took to make
    assertThat(derived)
        .allSatisfy(d -> assertThat(d.get("parameters").toString()).contains("elapsedMs="));
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
  void an_h264_mpeg_ts_gets_a_playable_mp4_review_copy() throws Exception {
    // bodycams that record MPEG-TS: codecs that fit, a container browsers do not play
    Path clip =
        ffmpeg(
            "h264.ts",
            with(
                VIDEO_2S, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts"));
    UUID id = uploads.upload(clip, "video/mp2t");
    JsonPath e = processed(id);
    assertThat(e.getString("jobs[0].state"))
        .as(e.getString("jobs[0].lastError"))
        .isEqualTo("SUCCEEDED");
    assertThat(e.getString("media.container")).isEqualTo("mpegts");
    assertThat(e.getString("media.videoCodec")).isEqualTo("h264");
    byte[] review = fetch("/api/v1/evidence/" + id + "/review", uploads.user("OFFICER"));
    MediaFacts copy = reprobe(review, ".mp4");
    assertThat(copy.container()).contains("mp4");
    assertThat(copy.videoCodec()).isEqualTo("h264");
    assertThat(copy.audioCodec()).isEqualTo("aac");
    assertThat(copy.durationMs())
        .isCloseTo(e.getLong("media.durationMs"), org.assertj.core.data.Offset.offset(80L));
    assertThat(mode(id)).isEqualTo("stream-copy");
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
    // audio has no pictures: no poster, no sprite sheet
    assertThat(w.getList("derived", Map.class))
        .extracting(d -> d.get("kind"))
        .containsExactly("REVIEW_COPY");
    for (String p : List.of("/sprite", "/sprite.vtt", "/thumbnail")) {
      Response none =
          given().header("Authorization", "Bearer " + viewer).get("/api/v1/evidence/" + wavId + p);
      assertThat(none.statusCode()).as(p).isEqualTo(404);
      assertThat(none.jsonPath().getString("type")).as(p).endsWith("/not-ready");
    }
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
      assertThat(
              given()
                  .header("Authorization", "Bearer " + viewer)
                  .get("/api/v1/evidence/" + id + "/sprite.vtt")
                  .statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void a_video_gets_a_sprite_sheet_of_one_tile_a_second_and_a_webvtt_track_over_its_duration()
      throws Exception {
    Path clip =
        ffmpeg(
            "sprite.mp4",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=25:duration=12",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=12",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac");
    UUID id = uploads.upload(clip, "video/mp4");
    JsonPath e = processed(id);
    assertThat(e.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    long duration = e.getLong("media.durationMs");
    assertThat(duration).isBetween(11_960L, 12_100L);
    Map<String, Object> sprite = derivedOf(e, "SPRITE");
    assertThat(sprite.get("contentType")).isEqualTo("image/jpeg");
    assertThat(sprite.get("sourceSha256")).isEqualTo(e.getString("sha256"));
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = (Map<String, Object>) sprite.get("parameters");
    // 12 s of video, one tile a second: 0 … 11 s; 160 px wide keeps 4:3
    assertThat(layout)
        .containsEntry("intervalMs", 1000)
        .containsEntry("count", 12)
        .containsEntry("columns", 10)
        .containsEntry("rows", 2)
        .containsEntry("tileWidth", 160)
        .containsEntry("tileHeight", 120)
        .containsEntry("width", 1600)
        .containsEntry("height", 240)
        .containsEntry("untilMs", (int) duration)
        .doesNotContainKey("stoppedBy");

    String viewer = uploads.user("REVIEWER");
    Response r =
        given()
            .header("Authorization", "Bearer " + viewer)
            .get("/api/v1/evidence/" + id + "/sprite");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(r.header("ETag")).isEqualTo("\"" + sprite.get("sha256") + "\"");
    byte[] jpeg = r.asByteArray();
    assertThat(jpeg).hasSize(((Number) sprite.get("size")).intValue());
    assertThat(sha256(jpeg)).isEqualTo(sprite.get("sha256")).isEqualTo(storedSha256(id, "SPRITE"));
    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(sheet.getWidth()).isEqualTo(1600);
    assertThat(sheet.getHeight()).isEqualTo(240);
    // testsrc2 moves: tiles of different times are different pictures
    assertThat(difference(sheet.getSubimage(0, 0, 160, 120), sheet.getSubimage(800, 0, 160, 120)))
        .isGreaterThan(10);
    assertThat(
            difference(sheet.getSubimage(160, 120, 160, 120), sheet.getSubimage(0, 120, 160, 120)))
        .isGreaterThan(10);
    Response head =
        given()
            .header("Authorization", "Bearer " + viewer)
            .head("/api/v1/evidence/" + id + "/sprite");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(jpeg.length));
    Response ranged =
        given()
            .header("Authorization", "Bearer " + viewer)
            .header("Range", "bytes=0-1")
            .get("/api/v1/evidence/" + id + "/sprite");
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.asByteArray()).containsExactly(0xFF, 0xD8);
    assertThat(spriteViews(id)).isEqualTo(1);

    Response track =
        given()
            .header("Authorization", "Bearer " + viewer)
            .get("/api/v1/evidence/" + id + "/sprite.vtt");
    assertThat(track.statusCode()).isEqualTo(200);
    assertThat(track.header("Content-Type")).startsWith("text/vtt");
    List<Cue> cues = cues(track.asString());
    assertThat(cues).hasSize(12);
    assertThat(cues.get(0).startMs()).isZero();
    for (int i = 0; i < cues.size(); i++) {
      Cue c = cues.get(i);
      assertThat(c.startMs()).isEqualTo(i * 1000L);
      assertThat(c.endMs()).isGreaterThan(c.startMs());
      if (i > 0) {
        assertThat(c.startMs()).isEqualTo(cues.get(i - 1).endMs());
      }
      assertThat(
              java.net
                  .URI
                  .create("/api/v1/evidence/" + id + "/sprite.vtt")
                  .resolve(c.url())
                  .toString())
          .isEqualTo("/api/v1/evidence/" + id + "/sprite");
      assertThat(c.x()).isEqualTo((i % 10) * 160);
      assertThat(c.y()).isEqualTo((i / 10) * 120);
      assertThat(c.x() + c.w()).isLessThanOrEqualTo(sheet.getWidth());
      assertThat(c.y() + c.h()).isLessThanOrEqualTo(sheet.getHeight());
    }
    assertThat(cues.get(cues.size() - 1).endMs()).isEqualTo(duration);
    // the track is metadata: no audit event of its own, and the sheet's session is unchanged
    assertThat(spriteViews(id)).isEqualTo(1);
    // stations may not, other roles of the unit may
    assertThat(
            given()
                .header("Authorization", "Bearer " + uploads.stationToken())
                .get("/api/v1/evidence/" + id + "/sprite.vtt")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_ten_minute_video_gets_a_tile_every_seven_seconds_each_the_frame_at_its_time()
      throws Exception {
    // 601 s at 5 fps, a key frame every 10 s: tiles 7 s apart are reached by seeking
    Path clip =
        ffmpeg(
            "long.mp4",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=160x120:rate=5:duration=601",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "50",
            "-pix_fmt",
            "yuv420p");
    UUID id = uploads.upload(clip, "video/mp4");
    JsonPath e = processed(id);
    assertThat(e.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = (Map<String, Object>) derivedOf(e, "SPRITE").get("parameters");
    // ceil(601 / 100) = 7 s between tiles; 0, 7, … 595 s: 86 tiles in 9 rows of 10
    assertThat(layout)
        .containsEntry("intervalMs", 7000)
        .containsEntry("count", 86)
        .containsEntry("rows", 9)
        .containsEntry("tileWidth", 160)
        .containsEntry("tileHeight", 120)
        .containsEntry("untilMs", 601_000)
        .containsEntry("seeks", 85)
        .doesNotContainKey("seekMissed");
    BufferedImage sheet =
        ImageIO.read(
            new ByteArrayInputStream(
                fetch("/api/v1/evidence/" + id + "/sprite", uploads.user("OFFICER"))));
    assertThat(sheet.getWidth()).isEqualTo(1600);
    assertThat(sheet.getHeight()).isEqualTo(9 * 120);
    assertTilesShowTheirTimes(sheet, clip);

    // the same stream in MPEG-TS (no index: seeks land off target) is read forward instead
    Path ts = ffmpeg("long.ts", "-i", clip.toString(), "-c", "copy");
    Path out = Files.createTempFile(dir, "sprite-", ".jpg");
    SpriteSheet.Outcome o = SpriteSheet.make(ts, 160, 120, 601_000, out, p -> {});
    assertThat(o.seekMissed()).isTrue();
    assertThat(o.layout()).isEqualTo(new SpriteLayout(160, 120, 10, 9, 86, 7000, 601_000));
    assertTilesShowTheirTimes(ImageIO.read(out.toFile()), clip);
  }

  /** Tiles 1, 2, 43 and 85 (7 s apart) look most like the frame of their own time. */
  private static void assertTilesShowTheirTimes(BufferedImage sheet, Path clip) throws Exception {
    for (int tile : new int[] {1, 2, 43, 85}) {
      BufferedImage t = sheet.getSubimage((tile % 10) * 160, (tile / 10) * 120, 160, 120);
      double own = difference(t, frameAt(clip, tile * 7.0));
      assertThat(own)
          .as("tile %d", tile)
          .isLessThan(difference(t, frameAt(clip, tile * 7.0 - 1)))
          .isLessThan(difference(t, frameAt(clip, tile * 7.0 + 1)));
    }
  }

  @Test
  void a_video_shorter_than_its_audio_gets_fewer_tiles_and_a_clip_under_a_second_gets_one()
      throws Exception {
    // 3 s of pictures, 6 s of sound: tiles at 0, 1, 2 s, the last standing for the rest
    Path shortVideo =
        ffmpeg(
            "short-video.mp4",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=6",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac");
    Path blink =
        ffmpeg(
            "blink.mp4",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=25:duration=0.4",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p");
    UUID shortId = uploads.upload(shortVideo, "video/mp4");
    UUID blinkId = uploads.upload(blink, "video/mp4");
    String viewer = uploads.user("OFFICER");

    JsonPath e = processed(shortId);
    assertThat(e.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    long duration = e.getLong("media.durationMs");
    assertThat(duration).isBetween(5_990L, 6_100L);
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = (Map<String, Object>) derivedOf(e, "SPRITE").get("parameters");
    // 16:9 at 160 px wide: 90 px high
    assertThat(layout)
        .containsEntry("planned", 6)
        .containsEntry("count", 3)
        .containsEntry("columns", 3)
        .containsEntry("rows", 1)
        .containsEntry("tileWidth", 160)
        .containsEntry("tileHeight", 90)
        .containsEntry("untilMs", (int) duration);
    List<Cue> cues =
        cues(
            given()
                .header("Authorization", "Bearer " + viewer)
                .get("/api/v1/evidence/" + shortId + "/sprite.vtt")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(cues).extracting(Cue::startMs).containsExactly(0L, 1000L, 2000L);
    assertThat(cues).extracting(Cue::endMs).containsExactly(1000L, 2000L, duration);
    BufferedImage sheet =
        ImageIO.read(
            new ByteArrayInputStream(fetch("/api/v1/evidence/" + shortId + "/sprite", viewer)));
    assertThat(sheet.getWidth()).isEqualTo(480);
    assertThat(sheet.getHeight()).isEqualTo(90);

    JsonPath b = processed(blinkId);
    assertThat(b.getString("jobs[0].state")).isEqualTo("SUCCEEDED");
    @SuppressWarnings("unchecked")
    Map<String, Object> one = (Map<String, Object>) derivedOf(b, "SPRITE").get("parameters");
    assertThat(one)
        .containsEntry("count", 1)
        .containsEntry("columns", 1)
        .containsEntry("rows", 1)
        .containsEntry("width", 160)
        .containsEntry("height", 120)
        .containsEntry("untilMs", b.getInt("media.durationMs"));
  }

  /** The frame at {@code seconds} as the ffmpeg CLI decodes it. */
  private static BufferedImage frameAt(Path clip, double seconds) throws Exception {
    Path png = Files.createTempFile(dir, "frame-", ".png");
    ffmpeg(
        png.getFileName().toString(),
        "-ss",
        String.valueOf(seconds),
        "-i",
        clip.toString(),
        "-frames:v",
        "1",
        "-update",
        "1");
    return ImageIO.read(png.toFile());
  }

  /** Mean absolute difference of the RGB channels of two images of one size (0–255). */
  private static double difference(BufferedImage a, BufferedImage b) {
    assertThat(b.getWidth()).isEqualTo(a.getWidth());
    assertThat(b.getHeight()).isEqualTo(a.getHeight());
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  private record Cue(long startMs, long endMs, String url, int x, int y, int w, int h) {}

  private static final java.util.regex.Pattern CUE_TIME =
      java.util.regex.Pattern.compile(
          "(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");
  private static final java.util.regex.Pattern CUE_TEXT =
      java.util.regex.Pattern.compile("([^#\\s]+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

  /** A strict reading of the WebVTT track: header, then blocks of a timing line and a payload. */
  private static List<Cue> cues(String vtt) {
    String[] blocks = vtt.split("\n\n");
    assertThat(blocks[0]).isEqualTo("WEBVTT");
    List<Cue> cues = new ArrayList<>();
    for (int i = 1; i < blocks.length; i++) {
      String[] lines = blocks[i].strip().split("\n");
      assertThat(lines).as(blocks[i]).hasSize(2);
      var time = CUE_TIME.matcher(lines[0]);
      var text = CUE_TEXT.matcher(lines[1]);
      assertThat(time.matches()).as(lines[0]).isTrue();
      assertThat(text.matches()).as(lines[1]).isTrue();
      cues.add(
          new Cue(
              millis(time, 1),
              millis(time, 5),
              text.group(1),
              Integer.parseInt(text.group(2)),
              Integer.parseInt(text.group(3)),
              Integer.parseInt(text.group(4)),
              Integer.parseInt(text.group(5))));
    }
    return cues;
  }

  private static long millis(java.util.regex.Matcher m, int first) {
    return Long.parseLong(m.group(first)) * 3_600_000
        + Long.parseLong(m.group(first + 1)) * 60_000
        + Long.parseLong(m.group(first + 2)) * 1000
        + Long.parseLong(m.group(first + 3));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> derivedOf(JsonPath e, String kind) {
    return e.getList("derived", Map.class).stream()
        .filter(d -> kind.equals(d.get("kind")))
        .map(d -> (Map<String, Object>) d)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + e.prettify()));
  }

  private String storedSha256(UUID id, String kind) {
    return Jdbc.one(
            db,
            "SELECT encode(sha256, 'hex') FROM evidence_derived WHERE evidence_id = ? AND kind = ?",
            rs -> rs.getString(1),
            id,
            kind)
        .orElseThrow();
  }

  private long spriteViews(UUID id) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = 'evidence.sprite-viewed'"
                + " AND target_id = ?",
            rs -> rs.getLong(1),
            id.toString())
        .orElseThrow();
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
