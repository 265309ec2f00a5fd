package org.custodia.verify;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files of a bag, a directory or a zip, listed once and read as streams. */
public interface BagSource extends Closeable {

  /** One regular file: its path inside the source ('/'-separated, checked to stay inside). */
  record Entry(String path, long compressedSize, Object handle) {}

  /** Every regular file; throws {@link HostileBagException} for what a bag must not contain. */
  List<Entry> entries() throws IOException;

  /** The file's bytes, stopped with {@link HostileBagException} past the limits. */
  InputStream open(Entry entry) throws IOException;

  static BagSource of(Path path, Limits limits) throws IOException {
    if (Files.isDirectory(path)) {
      return new DirectorySource(
          path.toRealPath(), limits); // the root may be a link; nothing inside
    }
    return new ZipSource(path, limits);
  }

  /**
   * Rejects a path that could leave the bag when extracted: absolute (a leading '/', a drive
   * letter, a UNC name), backslashes, '..' or '.' segments, empty segments, NUL.
   */
  static void checkPath(String name) {
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw new HostileBagException(name, "absolute path, outside the bag");
    }
    if (name.indexOf('\\') >= 0) {
      throw new HostileBagException(name, "backslash in a path (a Windows path separator)");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw new HostileBagException(name, "'..' in a path: it points outside the bag (zip-slip)");
      }
      if (segment.equals(".") || segment.isEmpty()) {
        throw new HostileBagException(name, "empty or '.' segment in a path");
      }
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == 0) {
        throw new HostileBagException(name, "NUL character in a path");
      }
    }
  }
}
