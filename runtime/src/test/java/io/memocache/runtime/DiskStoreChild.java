package io.memocache.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The main class of the child JVMs that {@link DiskStoreProcessesTest} starts. Values follow a
 * pattern derived from their key and a generation, so any reader can tell a whole, correct value
 * from a torn or foreign one.
 */
public final class DiskStoreChild {
  static final String METHOD = "com.example.Reports#render(int)#c0de";

  private DiskStoreChild() {}

  /**
   * Runs one mode; exits 0 on success, 1 when a read returned a value that is not the pattern.
   *
   * @param args the mode and its arguments
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "write" -> {
        // write <dir> <keys> <size> <generation>
        DiskStore store = DiskStore.open(Path.of(args[1]));
        int keys = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int generation = Integer.parseInt(args[4]);
        for (int k = 0; k < keys; k++) {
          store.put(METHOD, key(k), value(k, generation, size), null);
        }
        System.out.println("errors=" + store.stats(METHOD).errors());
      }
      case "readWrite" -> {
        // readWrite <dir> <keys> <size> <rounds>: writes and reads the same keys as a sibling
        DiskStore store = DiskStore.open(Path.of(args[1]));
        int keys = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int bad = 0;
        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < keys; k++) {
            if (round % 2 == 0) {
              store.put(METHOD, key(k), value(k, round, size), null);
            }
            byte[] value = store.get(METHOD, key(k));
            if (value != null && !isPattern(k, value, size)) {
              bad++;
            }
          }
        }
        MemoStoreStats stats = store.stats(METHOD);
        System.out.println(
            "bad="
                + bad
                + " hits="
                + stats.hits()
                + " errors="
                + stats.errors()
                + " rejected="
                + stats.rejected());
        System.exit(bad == 0 ? 0 : 1);
      }
      case "read" -> {
        // read <dir> <keys> <size>: prints how many keys hit with a correct value
        DiskStore store = DiskStore.open(Path.of(args[1]));
        int keys = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int hits = 0;
        int bad = 0;
        for (int k = 0; k < keys; k++) {
          byte[] value = store.get(METHOD, key(k));
          if (value != null) {
            if (isPattern(k, value, size)) {
              hits++;
            } else {
              bad++;
            }
          }
        }
        System.out.println("hits=" + hits + " bad=" + bad);
        System.exit(bad == 0 ? 0 : 1);
      }
      case "writeForever" -> {
        // writeForever <dir> <keys> <size>: rewrites the keys until killed
        DiskStore store = DiskStore.open(Path.of(args[1]));
        int keys = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        for (int generation = 0; ; generation++) {
          for (int k = 0; k < keys; k++) {
            store.put(METHOD, key(k), value(k, generation, size), null);
            System.out.println("wrote " + generation + " " + k);
          }
        }
      }
      case "default" -> {
        // default: uses the configured store, prints its directory and whether it round-trips
        MemoStore store = MemoStores.current();
        store.put(METHOD, key(1), value(1, 0, 100), null);
        byte[] back = store.get(METHOD, key(1));
        System.out.println(
            "store="
                + (store instanceof DiskStore d ? d.directory() : store.toString())
                + " roundTrip="
                + (back != null && isPattern(1, back, 100)));
      }
      default -> throw new IllegalArgumentException("unknown mode: " + args[0]);
    }
  }

  static byte[] key(int k) {
    return ("key-" + k).getBytes(UTF_8);
  }

  /** A value of {@code size} bytes: key, generation, then bytes that depend on both and index. */
  static byte[] value(int k, int generation, int size) {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.putInt(k).putInt(generation);
    while (buffer.hasRemaining()) {
      buffer.put(patternByte(k, generation, buffer.position()));
    }
    return buffer.array();
  }

  static boolean isPattern(int k, byte[] value, int size) {
    if (value.length != size) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    if (buffer.getInt() != k) {
      return false;
    }
    int generation = buffer.getInt();
    return Arrays.equals(value, value(k, generation, size));
  }

  private static byte patternByte(int k, int generation, int index) {
    return (byte) (index * 31 + k * 7 + generation * 13 + (index >>> 8));
  }
}
