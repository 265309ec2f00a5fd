package org.custodia.verify;

/**
 * How much a bag may ask of the verifier before it is treated as hostile. Every limit is checked
 * while reading (an inflating zip entry is stopped the moment it passes its limit), so a bag can
 * never make the verifier use more memory or time than these allow.
 *
 * @param maxRatio an entry may inflate to at most this many times its compressed size ...
 * @param ratioFloor ... or this many bytes, whichever is larger (small files compress well)
 * @param maxTotalBytes all entries together may inflate to at most this many bytes
 * @param maxTagFileBytes bagit.txt, bag-info.txt and each manifest at most this long
 * @param maxLineBytes one line of a tag file at most this long
 * @param maxFiles at most this many files (entries of a zip, files of a directory)
 */
public record Limits(
    long maxRatio,
    long ratioFloor,
    long maxTotalBytes,
    long maxTagFileBytes,
    int maxLineBytes,
    int maxFiles) {

  /** Generous for real exports (media barely compresses), strict for bombs. */
  public static Limits defaults() {
    return new Limits(100, 1 << 20, 1L << 40, 16L << 20, 16 << 10, 100_000);
  }

  public Limits withMaxTotalBytes(long bytes) {
    return new Limits(maxRatio, ratioFloor, bytes, maxTagFileBytes, maxLineBytes, maxFiles);
  }

  public Limits withMaxTagFileBytes(long bytes) {
    return new Limits(maxRatio, ratioFloor, maxTotalBytes, bytes, maxLineBytes, maxFiles);
  }
}
