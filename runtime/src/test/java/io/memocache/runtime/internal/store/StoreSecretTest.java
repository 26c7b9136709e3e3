package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StoreSecretTest {
  @TempDir Path directory;

  @Test
  void loadOrCreateKeyFile_createsA32ByteOwnerOnlyKeyAndReadsItBack() throws IOException {
    Path keyFile = directory.resolve("key");

    byte[] created = StoreSecret.loadOrCreateKeyFile(keyFile);

    assertEquals(32, created.length);
    assertArrayEquals(created, StoreSecret.loadOrCreateKeyFile(keyFile));
    assumeTrue(Files.getFileStore(keyFile).supportsFileAttributeView("posix"));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
  }

  @Test
  @Timeout(30)
  void loadOrCreateKeyFile_racingCreatorsAllGetOneKeyAndLeaveNoTemporaries() throws Exception {
    int threads = 8;
    for (int round = 0; round < 20; round++) {
      Path keyFile = directory.resolve("key" + round);
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<byte[]>> keys = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          keys.add(
              pool.submit(
                  () -> {
                    start.await();
                    return StoreSecret.loadOrCreateKeyFile(keyFile);
                  }));
        }
        byte[] first = keys.get(0).get(20, TimeUnit.SECONDS);
        for (Future<byte[]> key : keys) {
          assertArrayEquals(first, key.get(20, TimeUnit.SECONDS), "round " + round);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(0, files.filter(f -> f.toString().endsWith(".tmp")).count());
    }
  }

  @Test
  void loadOrCreateKeyFile_refusesAKeyFileOfTheWrongLengthNamingTheFix() throws IOException {
    Path keyFile = directory.resolve("key");
    Files.write(keyFile, new byte[7]);

    IOException e = assertThrows(IOException.class, () -> StoreSecret.loadOrCreateKeyFile(keyFile));
    assertEquals(
        "the memo store key file "
            + keyFile
            + " holds 7 bytes, not 32: delete it (every entry of the store becomes a miss)",
        e.getMessage());
  }

  @Test
  void keyBytes_keepsLongSecretsAndStretchesShortOnes() {
    assertEquals(20, StoreSecret.keyBytes("twenty-characters!!!").length);
    assertEquals(32, StoreSecret.keyBytes("short").length);
  }
}
