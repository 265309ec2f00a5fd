package org.custodia.review;

import java.util.Locale;
import org.custodia.media.SpriteLayout;

/**
 * The WebVTT thumbnails track of a sprite sheet, as scrubbing previews in web players read it: one
 * cue per tile, covering the time the tile stands for, whose text is the sheet's URL with a media
 * fragment ({@code #xywh=x,y,w,h}) naming the tile, relative to the track's URL. The cues follow
 * each other without a gap from 0 to the end of the recording.
 */
final class SpriteTrack {
  static final String TEXT_VTT = "text/vtt";

  private SpriteTrack() {}

  static String vtt(SpriteLayout layout) {
    // relative to the track's own URL (…/{id}/sprite.vtt), so a prefix added by a reverse proxy
    // carries over to the sheet
    String sheet = "sprite#xywh=";
    StringBuilder b = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < layout.count(); i++) {
      b.append('\n')
          .append(time(layout.startMs(i)))
          .append(" --> ")
          .append(time(layout.endMs(i)))
          .append('\n')
          .append(sheet)
          .append(layout.x(i))
          .append(',')
          .append(layout.y(i))
          .append(',')
          .append(layout.tileWidth())
          .append(',')
          .append(layout.tileHeight())
          .append('\n');
    }
    return b.toString();
  }

  /** {@code hh:mm:ss.ttt}, as WebVTT writes cue times. */
  static String time(long ms) {
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d.%03d",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000);
  }
}
