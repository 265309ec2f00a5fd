package org.custodia.verify;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zipped bag, read in place (never extracted). Every entry's name is checked before anything is
 * read; duplicate names are refused; each entry is counted while it inflates and stopped past its
 * compression-ratio limit or the total-size limit (a zip's declared sizes are not trusted).
 */
final class ZipSource implements BagSource {
  private final ZipFile zip;
  private final Limits limits;
  private long inflatedTotal;

  ZipSource(Path file, Limits limits) throws IOException {
    try {
      this.zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new HostileBagException(
          file.getFileName().toString(), "not a readable zip: " + e.getMessage());
    }
    this.limits = limits;
  }

  @Override
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        if (!seen.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)) {
          throw new HostileBagException(name, "duplicate zip entry (two files of one name)");
        }
        if (seen.size() > limits.maxFiles()) {
          throw new HostileBagException(name, "more than " + limits.maxFiles() + " zip entries");
        }
        BagSource.checkPath(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        if (!e.isDirectory()) {
          out.add(new Entry(name, e.getCompressedSize(), e));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new HostileBagException("(zip)", "malformed entry name: " + e.getMessage());
    }
    return out;
  }

  @Override
  public InputStream open(Entry entry) throws IOException {
    ZipEntry e = (ZipEntry) entry.handle();
    long compressed = Math.max(0, e.getCompressedSize());
    long allowed =
        e.getMethod() == ZipEntry.STORED
            ? compressed
            : Math.max(limits.ratioFloor(), saturatingMultiply(compressed, limits.maxRatio()));
    return new FilterInputStream(zip.getInputStream(e)) {
      long count;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
          n = super.read(b, off, len);
        } catch (ZipException ex) {
          throw new HostileBagException(entry.path(), "corrupt zip data: " + ex.getMessage());
        }
        if (n > 0) {
          count += n;
          inflatedTotal += n;
          if (count > allowed) {
            throw new HostileBagException(
                entry.path(),
                "zip bomb: inflates beyond "
                    + allowed
                    + " bytes from "
                    + compressed
                    + " compressed (ratio limit "
                    + limits.maxRatio()
                    + ")");
          }
          if (inflatedTotal > limits.maxTotalBytes()) {
            throw new HostileBagException(
                entry.path(),
                "zip bomb: the entries inflate beyond the total limit of "
                    + limits.maxTotalBytes()
                    + " bytes");
          }
        }
        return n;
      }
    };
  }

  private static long saturatingMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
