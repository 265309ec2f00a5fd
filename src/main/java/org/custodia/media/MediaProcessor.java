package org.custodia.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StoredObject;
import org.jboss.logging.Logger;

/**
 * Processes one original with FFmpeg (JavaCV): probe, poster JPEG, sprite sheet for timeline
 * scrubbing, review copy (H.264/AAC MP4 with faststart; stream copy when the codecs already fit,
 * transcode otherwise). The original is copied to a temporary file for FFmpeg and never modified;
 * derived files become new objects in the derived bucket, hashed while they stream there, each
 * naming the original's SHA-256. Each records the time it took to make ({@code elapsedMs}).
 *
 * <p>Media FFmpeg cannot probe, or whose poster or review copy it cannot make, fails the job. The
 * sprite sheet is a convenience: when FFmpeg cannot make it, the job goes on without it and the
 * {@code evidence.processed} event says why ({@code skipped}).
 */
@ApplicationScoped
public class MediaProcessor {
  static final String VIDEO_MP4 = "video/mp4";
  static final String AUDIO_MP4 = "audio/mp4";
  static final String JPEG = "image/jpeg";

  private static final Set<String> BROWSER_AUDIO = Set.of("aac", "mp3");
  private static final Logger LOG = Logger.getLogger(MediaProcessor.class);

  private final EvidenceService evidence;
  private final MediaRepository media;
  private final ObjectStore store;
  private final AuditService audit;
  private final MediaConfig config;
  private final jakarta.enterprise.event.Event<MediaProbed> factsSaved;

  MediaProcessor(
      EvidenceService evidence,
      MediaRepository media,
      ObjectStore store,
      AuditService audit,
      MediaConfig config,
      jakarta.enterprise.event.Event<MediaProbed> factsSaved) {
    this.evidence = evidence;
    this.media = media;
    this.store = store;
    this.audit = audit;
    this.config = config;
    this.factsSaved = factsSaved;
  }

  /** What probing an original found, plus what the processor needs to decide. */
  record Probe(MediaFacts facts, boolean hasVideo, boolean hasAudio) {}

  /** A derived file made in the work directory, not yet stored. */
  private record Made(
      Derived.Kind kind, Path file, String contentType, Map<String, Object> params) {}

  void process(UUID evidenceId, IntConsumer progress) {
    Evidence e =
        evidence
            .find(evidenceId)
            .orElseThrow(() -> new MediaUnprocessableException("evidence not found", null));
    List<Path> temps = new ArrayList<>();
    long started = System.nanoTime();
    try {
      Path original = temp(temps, ".orig");
      try (InputStream in =
          store.get(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), null)) {
        Files.copy(in, original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      long fetched = System.nanoTime();
      progress.accept(10);
      Probe probe = probe(original);
      long probed = System.nanoTime();
      progress.accept(20);
      List<Made> made = new ArrayList<>();
      Map<String, String> skipped = new LinkedHashMap<>();
      if (probe.hasVideo()) {
        long t0 = System.nanoTime();
        made.add(timed(t0, thumbnail(original, probe, temp(temps, ".jpg"))));
        progress.accept(25);
        long t1 = System.nanoTime();
        sprite(original, probe, temp(temps, ".jpg"), p -> progress.accept(25 + p / 10), skipped)
            .ifPresent(m -> made.add(timed(t1, m)));
      }
      if (!skipped.isEmpty()) {
        LOG.infof("evidence %s: made without %s", evidenceId, skipped);
      }
      progress.accept(35);
      if (!probe.facts().playsAsIs() || probe.hasVideo()) {
        long t0 = System.nanoTime();
        made.add(
            timed(
                t0,
                reviewCopy(
                    original,
                    probe,
                    temp(temps, ".mp4"),
                    p -> progress.accept(35 + p * 55 / 100))));
      }
      progress.accept(90);
      long madeAt = System.nanoTime();
      List<Derived> stored = new ArrayList<>();
      List<Map<String, Object>> params = new ArrayList<>();
      for (Made m : made) {
        stored.add(upload(e, m));
        params.add(m.params());
      }
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                media.saveFacts(evidenceId, probe.facts());
                for (int i = 0; i < stored.size(); i++) {
                  media.saveDerived(stored.get(i), params.get(i));
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sourceSha256", e.sha256());
                List<Map<String, Object>> files = new ArrayList<>();
                for (Derived d : stored) {
                  files.add(
                      Map.of("kind", d.kind().name(), "sha256", d.sha256(), "size", d.size()));
                }
                details.put("derived", files);
                if (!skipped.isEmpty()) {
                  details.put("skipped", skipped);
                }
                audit.recordSystem(
                    "evidence.processed", AuditEvent.Target.of("evidence", evidenceId), details);
                factsSaved.fire(new MediaProbed(evidenceId));
              });
      if (LOG.isDebugEnabled()) {
        StringBuilder steps = new StringBuilder();
        for (Made m : made) {
          steps.append(' ').append(m.kind()).append('=').append(m.params().get("elapsedMs"));
        }
        LOG.debugf(
            "media timings evidence=%s fetchMs=%d probeMs=%d%s storeMs=%d",
            evidenceId,
            (fetched - started) / 1_000_000,
            (probed - fetched) / 1_000_000,
            steps,
            (System.nanoTime() - madeAt) / 1_000_000);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      for (Path p : temps) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  /** Records how long making {@code m} took (decoding and encoding, not storing). */
  private static Made timed(long startNanos, Made m) {
    m.params().put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000);
    return m;
  }

  private Path temp(List<Path> temps, String suffix) throws IOException {
    Path dir = config.workDir().map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
    Files.createDirectories(dir);
    Path p = Files.createTempFile(dir, "custodia-media-", suffix);
    temps.add(p);
    return p;
  }

  /** Reads container and stream facts; unreadable media is {@link MediaUnprocessableException}. */
  static Probe probe(Path file) {
    FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    try (FFmpegFrameGrabber g = grabber(file)) {
      start(g);
      boolean video = g.hasVideo() && g.getImageWidth() > 0;
      boolean audio = g.hasAudio() && g.getAudioChannels() > 0;
      if (!video && !audio) {
        throw new MediaUnprocessableException("no audio or video stream found", null);
      }
      Map<String, String> tags = new LinkedHashMap<>();
      if (g.getMetadata() != null) {
        tags.putAll(g.getMetadata());
      }
      if (video && g.getVideoMetadata() != null) {
        g.getVideoMetadata().forEach((k, v) -> tags.putIfAbsent("video." + k, v));
      }
      String container = g.getFormat();
      String vcodec = video ? codecName(g.getVideoCodec()) : null;
      String acodec = audio ? codecName(g.getAudioCodec()) : null;
      boolean mp4 = container != null && container.contains("mp4");
      boolean playsAsIs =
          video
              ? mp4 && "h264".equals(vcodec) && (acodec == null || "aac".equals(acodec))
              : acodec != null
                  && BROWSER_AUDIO.contains(acodec)
                  && (mp4 || (container != null && container.contains("mp3")));
      long lengthUs = g.getLengthInTime();
      long bitRate = g.getFormatContext().bit_rate();
      MediaFacts facts =
          new MediaFacts(
              container,
              lengthUs > 0 ? lengthUs / 1000 : null,
              vcodec,
              acodec,
              video ? g.getImageWidth() : null,
              video ? g.getImageHeight() : null,
              video && g.getFrameRate() > 0 ? Math.round(g.getFrameRate() * 1000) / 1000.0 : null,
              bitRate > 0 ? bitRate : null,
              audio ? g.getAudioChannels() : null,
              audio && g.getSampleRate() > 0 ? g.getSampleRate() : null,
              tags.get("creation_time"),
              tags,
              playsAsIs);
      return new Probe(facts, video, audio);
    } catch (FrameGrabber.Exception ex) {
      throw unprocessable(file, ex);
    }
  }

  /** FFmpeg's codec name (h264, aac, mp3), not the decoder's (mp3float). */
  private static String codecName(int codecId) {
    return codecId <= 0 ? null : avcodec.avcodec_get_name(codecId).getString();
  }

  /** FFmpeg's reason, without the temporary path and JavaCV's hints. */
  static MediaUnprocessableException unprocessable(Path file, Exception ex) {
    String reason = String.valueOf(ex.getMessage()).replace(file.toString(), "the original");
    for (String hint :
        new String[] {
          " (Has setFormat() been called?)",
          " (For more details, make sure FFmpegLogCallback.set() has been called.)"
        }) {
      reason = reason.replace(hint, "");
    }
    return new MediaUnprocessableException("FFmpeg: " + reason.strip(), ex);
  }

  private Made thumbnail(Path original, Probe probe, Path out) throws IOException {
    Long duration = probe.facts().durationMs();
    long at = duration == null ? 0 : Math.min(1_000_000L, duration * 100L); // 1 s, or 10 %
    try {
      Made poster = poster(original, at, true, out);
      if (poster == null) {
        // the seek found nothing (MPEG-TS and other containers without an index): read forward
        poster = poster(original, at, false, out);
      }
      if (poster == null) {
        throw new MediaUnprocessableException("FFmpeg decoded no video frame for the poster", null);
      }
      return poster;
    } catch (FrameGrabber.Exception ex) {
      throw unprocessable(original, ex);
    }
  }

  /**
   * The frame at {@code at} microseconds (the first one when the file is shorter), reached by a
   * seek or by decoding forward from the start; null when none was decoded.
   */
  private Made poster(Path original, long at, boolean seek, Path out)
      throws FrameGrabber.Exception, IOException {
    try (FFmpegFrameGrabber g = grabber(original);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      start(g);
      Frame frame;
      if (seek) {
        if (at > 0) {
          g.setTimestamp(at);
        }
        frame = g.grabImage();
      } else {
        frame = g.grabImage();
        while (frame != null && g.getTimestamp() < at) {
          Frame next = g.grabImage();
          if (next == null) {
            break;
          }
          frame = next;
        }
      }
      if (frame == null) {
        return null;
      }
      BufferedImage image = converter.convert(frame);
      int[] size = fit(image.getWidth(), image.getHeight(), config.thumbnailSize(), false);
      BufferedImage poster = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
      Graphics2D gr = poster.createGraphics();
      gr.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      gr.drawImage(image, 0, 0, size[0], size[1], null);
      gr.dispose();
      if (!ImageIO.write(poster, "jpg", out.toFile())) {
        throw new IllegalStateException("no JPEG writer");
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("atMicros", g.getTimestamp());
      params.put("width", size[0]);
      params.put("height", size[1]);
      params.put("reachedBy", seek ? "seek" : "decoding from the start");
      return new Made(Derived.Kind.THUMBNAIL, out, JPEG, params);
    }
  }

  /**
   * The sprite sheet ({@link SpriteSheet}), or empty with the reason in {@code skipped}: FFmpeg
   * failing on it never fails the job, since probe and poster already read the file.
   */
  private Optional<Made> sprite(
      Path original, Probe probe, Path out, IntConsumer progress, Map<String, String> skipped)
      throws IOException {
    MediaFacts f = probe.facts();
    if (f.durationMs() == null || f.durationMs() <= 0) {
      skipped.put(Derived.Kind.SPRITE.name(), "duration unknown");
      return Optional.empty();
    }
    try {
      SpriteSheet.Outcome o =
          SpriteSheet.make(original, f.width(), f.height(), f.durationMs(), out, progress);
      Map<String, Object> params = new LinkedHashMap<>(o.layout().parameters());
      params.put("planned", o.planned());
      params.put("seeks", o.seeks());
      if (o.seekMissed()) {
        params.put("seekMissed", true);
      }
      if (o.stoppedBy() != null) {
        params.put("stoppedBy", o.stoppedBy());
      }
      params.put("ffmpeg", avutil.av_version_info().getString());
      return Optional.of(new Made(Derived.Kind.SPRITE, out, JPEG, params));
    } catch (MediaUnprocessableException ex) {
      skipped.put(Derived.Kind.SPRITE.name(), ex.getMessage());
      return Optional.empty();
    } catch (RuntimeException ex) {
      // JavaCV failing on an odd file: not worth losing the poster and review copy over
      LOG.warnf(ex, "sprite sheet of %s failed", original.getFileName());
      skipped.put(Derived.Kind.SPRITE.name(), "failed: " + ex);
      return Optional.empty();
    }
  }

  /** Stream copy when the codecs fit an MP4 for browsers, transcode otherwise. */
  private Made reviewCopy(Path original, Probe probe, Path out, IntConsumer progress) {
    MediaFacts f = probe.facts();
    boolean videoFits = !probe.hasVideo() || "h264".equals(f.videoCodec());
    boolean audioFits = !probe.hasAudio() || "aac".equals(f.audioCodec());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("ffmpeg", avutil.av_version_info().getString());
    params.put("format", "mp4+faststart");
    try {
      boolean copied = false;
      if (videoFits && audioFits) {
        try {
          remux(original, out, probe, progress);
          params.put("mode", "stream-copy");
          copied = true;
        } catch (FrameGrabber.Exception | FrameRecorder.Exception ex) {
          // the codecs fit but the streams do not go into MP4 as they are: transcode instead
          LOG.infof("stream copy into MP4 failed, transcoding: %s", ex.getMessage());
          params.put("streamCopyFailed", String.valueOf(ex.getMessage()));
        }
      }
      if (!copied) {
        params.put("mode", "transcode");
        params.putAll(transcode(original, out, probe, progress));
      }
    } catch (FrameGrabber.Exception | FrameRecorder.Exception ex) {
      throw unprocessable(original, ex);
    }
    return new Made(
        Derived.Kind.REVIEW_COPY, out, probe.hasVideo() ? VIDEO_MP4 : AUDIO_MP4, params);
  }

  private static void remux(Path original, Path out, Probe probe, IntConsumer progress)
      throws FrameGrabber.Exception, FrameRecorder.Exception {
    try (FFmpegFrameGrabber g = grabber(original)) {
      start(g);
      long length = Math.max(1, g.getLengthInTime());
      try (FFmpegFrameRecorder r =
          new FFmpegFrameRecorder(
              out.toFile(),
              probe.hasVideo() ? g.getImageWidth() : 0,
              probe.hasVideo() ? g.getImageHeight() : 0,
              probe.hasAudio() ? g.getAudioChannels() : 0)) {
        r.setFormat("mp4");
        r.setOption("movflags", "+faststart");
        AVFormatContext in = g.getFormatContext();
        for (int i = 0; i < in.nb_streams(); i++) {
          // the input container's codec tags (e.g. MPEG-TS stream types) mean nothing in MP4: let
          // the muxer choose, as the ffmpeg CLI does
          in.streams(i).codecpar().codec_tag(0);
        }
        r.start(in);
        AVPacket packet;
        int n = 0;
        while ((packet = g.grabPacket()) != null) {
          r.recordPacket(packet);
          if (++n % 256 == 0) {
            progress.accept((int) Math.min(100, g.getTimestamp() * 100 / length));
          }
        }
        r.stop();
      }
    }
  }

  private Map<String, Object> transcode(Path original, Path out, Probe probe, IntConsumer progress)
      throws FrameGrabber.Exception, FrameRecorder.Exception {
    Map<String, Object> params = new LinkedHashMap<>();
    try (FFmpegFrameGrabber g = grabber(original)) {
      start(g);
      long length = Math.max(1, g.getLengthInTime());
      int[] size =
          probe.hasVideo()
              ? fit(g.getImageWidth(), g.getImageHeight(), config.reviewMaxSize(), true)
              : new int[] {0, 0};
      int channels = probe.hasAudio() ? Math.min(2, g.getAudioChannels()) : 0;
      try (FFmpegFrameRecorder r =
          new FFmpegFrameRecorder(out.toFile(), size[0], size[1], channels)) {
        r.setFormat("mp4");
        r.setOption("movflags", "+faststart");
        if (probe.hasVideo()) {
          double fps = g.getFrameRate() > 0 && g.getFrameRate() < 121 ? g.getFrameRate() : 25;
          r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
          r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
          r.setFrameRate(fps);
          r.setGopSize((int) Math.max(1, Math.round(fps * 2)));
          r.setVideoBitrate(config.reviewVideoBitRate());
          r.setVideoOption("threads", "1");
          params.put("videoCodec", "h264");
          params.put("width", size[0]);
          params.put("height", size[1]);
          params.put("frameRate", fps);
          params.put("videoBitRate", config.reviewVideoBitRate());
        }
        if (channels > 0) {
          r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
          r.setSampleRate(g.getSampleRate() > 0 ? g.getSampleRate() : 48000);
          r.setAudioBitrate(128_000);
          params.put("audioCodec", "aac");
          params.put("audioChannels", channels);
          params.put("audioBitRate", 128_000);
        }
        r.start();
        Frame frame;
        int n = 0;
        while ((frame = g.grab()) != null) {
          if (frame.image != null && probe.hasVideo()) {
            if (frame.timestamp > r.getTimestamp()) {
              r.setTimestamp(frame.timestamp);
            }
            r.record(frame);
          } else if (frame.samples != null && channels > 0) {
            r.record(frame);
          }
          if (++n % 64 == 0) {
            progress.accept((int) Math.min(100, g.getTimestamp() * 100 / length));
          }
        }
        r.stop();
      }
    }
    return params;
  }

  private Derived upload(Evidence e, Made m) throws IOException {
    String name =
        switch (m.kind()) {
          case REVIEW_COPY -> "review.mp4";
          case THUMBNAIL -> "poster.jpg";
          case SPRITE -> "sprite.jpg";
        };
    String key = "derived/" + e.id() + "/" + name;
    MessageDigest sha = sha256();
    StoredObject stored;
    try (InputStream in = new DigestInputStream(Files.newInputStream(m.file()), sha)) {
      stored =
          store.put(
              BucketRole.DERIVED,
              key,
              in,
              Files.size(m.file()),
              m.contentType(),
              Map.of(
                  "source-sha256",
                  e.sha256(),
                  "derived-kind",
                  m.kind().name().toLowerCase(Locale.ROOT)));
    }
    return new Derived(
        e.id(),
        m.kind(),
        HexFormat.of().formatHex(sha.digest()),
        m.contentType(),
        stored.size(),
        key,
        stored.versionId(),
        e.sha256(),
        null,
        m.params());
  }

  static FFmpegFrameGrabber grabber(Path file) {
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
    g.setVideoOption("threads", "1");
    return g;
  }

  private static void start(FFmpegFrameGrabber g) throws FrameGrabber.Exception {
    g.start();
  }

  /** Scales (w, h) to fit {@code max} on the longest side, never up; even sizes for H.264. */
  static int[] fit(int w, int h, int max, boolean even) {
    double scale = Math.min(1.0, (double) max / Math.max(w, h));
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    if (even) {
      sw = Math.max(2, sw & ~1);
      sh = Math.max(2, sh & ~1);
    }
    return new int[] {sw, sh};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
