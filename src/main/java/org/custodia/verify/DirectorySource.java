package org.custodia.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** A bag on disk. Symbolic links and special files are refused, never followed. */
final class DirectorySource implements BagSource {
  private final Path root;
  private final Limits limits;

  DirectorySource(Path root, Limits limits) {
    this.root = root;
    this.limits = limits;
  }

  @Override
  public List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && attrs.isSymbolicLink()) {
              throw new HostileBagException(name(dir), "symbolic link (not followed)");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = name(file);
            if (attrs.isSymbolicLink()) {
              throw new HostileBagException(name, "symbolic link (not followed)");
            }
            if (!attrs.isRegularFile()) {
              throw new HostileBagException(name, "not a regular file");
            }
            BagSource.checkPath(name);
            if (out.size() >= limits.maxFiles()) {
              throw new HostileBagException(name, "more than " + limits.maxFiles() + " files");
            }
            out.add(new Entry(name, attrs.size(), file));
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  private String name(Path p) {
    return root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/");
  }

  @Override
  public InputStream open(Entry entry) throws IOException {
    Path file = (Path) entry.handle();
    if (Files.isSymbolicLink(file)) {
      throw new HostileBagException(entry.path(), "symbolic link (not followed)");
    }
    return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void close() {}
}
