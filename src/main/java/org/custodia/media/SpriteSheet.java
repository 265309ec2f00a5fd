package org.custodia.media;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Makes the sprite sheet of a video for timeline scrubbing: the frames at 0, interval, 2 ·
 * interval, … ({@link SpriteLayout}), scaled by FFmpeg to tiles of at most 160 px on the longest
 * side, laid out 10 to a row in one JPEG. Memory: the sheet (at most 1600 × 1600 px) and one tile.
 *
 * <p>Frames are read forward; a tile more than 5 s ahead is reached by seeking instead, which
 * decodes at most one GOP. A seek that lands off its target (containers without an index, such as
 * MPEG-TS) switches to reading forward from the start for the rest: slower, never wrong.
 *
 * <p>When the video ends before the last planned tile (an audio track a little longer than the
 * video), the sheet has fewer tiles and the last one stands for the rest of the recording. When
 * FFmpeg fails part-way, the sheet keeps the tiles made so far and says why it stopped.
 */
final class SpriteSheet {
  private static final long SEEK_AHEAD_US = 5_000_000;
  private static final long SEEK_TOLERANCE_US = 1_000_000;

  private SpriteSheet() {}

  /**
   * What was made: the layout, the tiles planned, FFmpeg's reason when it stopped early, the seeks
   * that landed and whether one missed (reading forward from the start after it).
   */
  record Outcome(
      SpriteLayout layout, int planned, String stoppedBy, int seeks, boolean seekMissed) {}

  /**
   * Writes the sheet of a {@code width} × {@code height} video of {@code durationMs} to {@code
   * out}; {@link MediaUnprocessableException} when not a single tile could be made.
   */
  static Outcome make(
      Path original, int width, int height, long durationMs, Path out, IntConsumer progress)
      throws IOException {
    int[] tile = MediaProcessor.fit(width, height, SpriteLayout.TILE_SIZE, true);
    long intervalMs = SpriteLayout.intervalMs(durationMs);
    int planned = SpriteLayout.plannedTiles(durationMs, intervalMs);
    int columns = Math.min(SpriteLayout.COLUMNS, planned);
    BufferedImage sheet =
        new BufferedImage(
            columns * tile[0],
            Math.ceilDiv(planned, columns) * tile[1],
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    int made = 0;
    String stoppedBy = null;
    Frames frames = null;
    try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
      frames = new Frames(original, tile[0], tile[1]);
      for (int i = 0; i < planned; i++) {
        Frame frame = frames.at(i * intervalMs * 1000);
        if (frame == null) {
          break; // the video ended: the last tile stands for the rest
        }
        g.drawImage(
            converter.convert(frame), (i % columns) * tile[0], (i / columns) * tile[1], null);
        made++;
        progress.accept(made * 100 / planned);
      }
    } catch (FrameGrabber.Exception ex) {
      if (made == 0) {
        throw MediaProcessor.unprocessable(original, ex);
      }
      stoppedBy = MediaProcessor.unprocessable(original, ex).getMessage();
    } finally {
      g.dispose();
      if (frames != null) {
        frames.close();
      }
    }
    if (made == 0) {
      throw new MediaUnprocessableException(
          "FFmpeg decoded no video frame for the sprite sheet", null);
    }
    int cols = Math.min(columns, made);
    long until = stoppedBy == null ? durationMs : Math.min(durationMs, made * intervalMs);
    SpriteLayout layout =
        new SpriteLayout(
            tile[0],
            tile[1],
            cols,
            Math.ceilDiv(made, cols),
            made,
            intervalMs,
            Math.max(until, (made - 1) * intervalMs + 1));
    if (!ImageIO.write(
        sheet.getSubimage(0, 0, layout.width(), layout.height()), "jpg", out.toFile())) {
      throw new IllegalStateException("no JPEG writer");
    }
    return new Outcome(layout, planned, stoppedBy, frames.seeks, !frames.seeking);
  }

  /** Video frames by time, scaled by FFmpeg to the tile size. */
  private static final class Frames {
    private final Path file;
    private final int width;
    private final int height;
    private FFmpegFrameGrabber grabber;
    private long startUs;
    private Frame last;
    private long lastUs;
    private boolean seeking = true;
    private int seeks;

    Frames(Path file, int width, int height) throws FrameGrabber.Exception {
      this.file = file;
      this.width = width;
      this.height = height;
      open();
    }

    private void open() throws FrameGrabber.Exception {
      FFmpegFrameGrabber g = MediaProcessor.grabber(file);
      g.setImageWidth(width);
      g.setImageHeight(height);
      try {
        g.start();
      } catch (FrameGrabber.Exception ex) {
        g.close();
        throw ex;
      }
      grabber = g;
      long start = grabber.getFormatContext().start_time();
      startUs = start == avutil.AV_NOPTS_VALUE ? 0 : start;
      last = null;
      lastUs = Long.MIN_VALUE;
    }

    /**
     * The first frame at or after {@code atUs} (from the start of the recording), the last one read
     * if it already is; null when the video has ended.
     */
    Frame at(long atUs) throws FrameGrabber.Exception {
      if (last != null && lastUs >= atUs) {
        return last;
      }
      if (seeking && atUs - Math.max(0, lastUs) > SEEK_AHEAD_US) {
        grabber.setTimestamp(atUs); // JavaCV adds the container's start time
        Frame f = grabber.grabImage();
        if (f != null && f.timestamp - startUs <= atUs + SEEK_TOLERANCE_US) {
          seeks++;
          if (read(f) >= atUs) {
            return f;
          }
          // landed before the target: read on from there
        } else {
          seeking = false;
          grabber.close();
          open();
        }
      }
      Frame f;
      while ((f = grabber.grabImage()) != null) {
        if (read(f) >= atUs) {
          return f;
        }
      }
      last = null;
      return null;
    }

    private long read(Frame f) {
      last = f;
      lastUs = f.timestamp - startUs;
      return lastUs;
    }

    void close() {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception ignored) {
        // closing a grabber that failed part-way: nothing left to release
      }
    }
  }
}
