package org.custodia.storage;

/**
 * An inclusive byte range {@code [first, last]} of an object, already resolved against its size.
 */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
    }
  }

  public long length() {
    return last - first + 1;
  }
}
