package dev.switchboard.router.journal;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Damages a journal on disk the way a bad sector or a stray write would, for recovery tests. */
final class JournalDamage {
  private JournalDamage() {}

  /** Flips one bit of the first occurrence of {@code marker} in the queue files in {@code dir}. */
  static boolean flipFirst(Path dir, byte[] marker) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
    }
    for (Path file : files) {
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
        outer:
        for (int i = 0; i + marker.length <= map.limit(); i++) {
          for (int j = 0; j < marker.length; j++) {
            if (map.get(i + j) != marker[j]) {
              continue outer;
            }
          }
          map.put(i, (byte) (map.get(i) ^ 0x01));
          map.force();
          return true;
        }
      }
    }
    return false;
  }
}
