package org.custodia.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tiles of a sprite sheet are and which time each stands for. Tile {@code i} shows the
 * frame at {@code i · intervalMs} and sits at column {@code i % columns}, row {@code i / columns};
 * it stands for {@code [i · intervalMs, (i + 1) · intervalMs)}, the last tile up to {@code
 * untilMs}. Stored in the SPRITE row's parameters, so a player maps a time to a tile with them.
 */
public record SpriteLayout(
    int tileWidth,
    int tileHeight,
    int columns,
    int rows,
    int count,
    long intervalMs,
    long untilMs) {

  /** Tiles per row. */
  static final int COLUMNS = 10;

  /** At most this many tiles: an hour gets one every 36 s. */
  static final int MAX_TILES = 100;

  /** Longest side of a tile, in pixels. */
  static final int TILE_SIZE = 160;

  /** Whole seconds between tiles: 1 s, or more so that the recording needs at most 100 tiles. */
  static long intervalMs(long durationMs) {
    long seconds = Math.max(1, Math.ceilDiv(durationMs, MAX_TILES * 1000L));
    return seconds * 1000;
  }

  /** Tiles a recording of {@code durationMs} gets at {@code intervalMs}. */
  static int plannedTiles(long durationMs, long intervalMs) {
    return (int) Math.max(1, Math.ceilDiv(durationMs, intervalMs));
  }

  public int width() {
    return columns * tileWidth;
  }

  public int height() {
    return rows * tileHeight;
  }

  public int x(int tile) {
    return (tile % columns) * tileWidth;
  }

  public int y(int tile) {
    return (tile / columns) * tileHeight;
  }

  public long startMs(int tile) {
    return tile * intervalMs;
  }

  public long endMs(int tile) {
    return tile == count - 1 ? untilMs : (tile + 1) * intervalMs;
  }

  Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tileWidth", tileWidth);
    p.put("tileHeight", tileHeight);
    p.put("columns", columns);
    p.put("rows", rows);
    p.put("count", count);
    p.put("intervalMs", intervalMs);
    p.put("untilMs", untilMs);
    p.put("width", width());
    p.put("height", height());
    return p;
  }

  /** The layout recorded in a SPRITE row's parameters; empty when they do not hold one. */
  public static Optional<SpriteLayout> of(Map<String, Object> parameters) {
    if (parameters == null) {
      return Optional.empty();
    }
    try {
      SpriteLayout l =
          new SpriteLayout(
              number(parameters, "tileWidth").intValue(),
              number(parameters, "tileHeight").intValue(),
              number(parameters, "columns").intValue(),
              number(parameters, "rows").intValue(),
              number(parameters, "count").intValue(),
              number(parameters, "intervalMs").longValue(),
              number(parameters, "untilMs").longValue());
      boolean sane =
          l.tileWidth > 0
              && l.tileHeight > 0
              && l.columns > 0
              && l.count > 0
              && l.rows == Math.ceilDiv(l.count, l.columns)
              && l.intervalMs > 0
              && l.untilMs > l.startMs(l.count - 1);
      return sane ? Optional.of(l) : Optional.empty();
    } catch (ClassCastException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static Number number(Map<String, Object> parameters, String key) {
    return (Number) parameters.get(key);
  }
}
