package org.custodia.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.custodia.config.CustodiaConfig;

/**
 * Local spool: the bytes of the part being filled, one file per part, fsync'd before a PATCH is
 * acknowledged. At most one part per upload is here at rest; completed parts are in the store.
 */
@ApplicationScoped
class Spool {
  private final Path root;

  @Inject
  Spool(IngestConfig ingest, CustodiaConfig config) {
    this(Path.of(ingest.spoolDir().orElse(Path.of(config.dataDir(), "spool").toString())));
  }

  /** A spool in {@code root} (created if need be). */
  Spool(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + root, e);
    }
  }

  Path root() {
    return root;
  }

  /** Bytes the spool's file store has free for us. */
  long freeBytes() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  Path part(UUID upload, int number) {
    return root.resolve(upload.toString()).resolve("part-" + number);
  }

  long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a part file for appending at {@code length}, cutting off anything beyond it. */
  FileChannel openAt(Path file, long length) throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (channel.size() > length) {
      channel.truncate(length);
    }
    channel.position(length);
    return channel;
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void deleteAll(UUID upload) {
    Path dir = root.resolve(upload.toString());
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(this::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
