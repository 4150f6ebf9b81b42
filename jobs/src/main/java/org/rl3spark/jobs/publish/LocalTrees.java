package org.rl3spark.jobs.publish;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Whole directory trees on the local (or a mounted) filesystem: deleted, copied. */
public final class LocalTrees {

  private LocalTrees() {}

  /** Deletes {@code p} and everything below it; nothing if it does not exist. */
  public static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Copies directory {@code from} with everything below it to {@code to} (which must not exist).
   */
  public static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(p.getFileName().toString());
        if (Files.isDirectory(p)) {
          copy(p, target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
