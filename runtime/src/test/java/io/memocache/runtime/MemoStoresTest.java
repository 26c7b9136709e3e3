package io.memocache.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoStoresTest {
  private static final String HOME = "/home/ada";

  @Test
  void nothingConfigured_isADiskStoreInXdgCacheHome() {
    MemoStore store =
        MemoStores.resolve(null, Map.of("XDG_CACHE_HOME", "/var/cache/ada"), HOME, null);

    assertEquals(Path.of("/var/cache/ada/memocache"), ((DiskStore) store).directory());
    assertEquals(DiskStore.DEFAULT_MAX_BYTES, ((DiskStore) store).maxBytes());
  }

  @Test
  void nothingConfiguredAndNoAbsoluteXdgCacheHome_isADiskStoreInDotCache() {
    assertEquals(
        Path.of(HOME, ".cache", "memocache"),
        ((DiskStore) MemoStores.resolve(null, Map.of(), HOME, null)).directory());
    assertEquals(
        Path.of(HOME, ".cache", "memocache"),
        ((DiskStore) MemoStores.resolve(null, Map.of("XDG_CACHE_HOME", "rel"), HOME, null))
            .directory());
  }

  @Test
  void fileSetting_isADiskStoreInThatDirectory() {
    assertEquals(
        Path.of("/srv/memo"),
        ((DiskStore) MemoStores.resolve("file:/srv/memo", Map.of(), HOME, null)).directory());
    assertEquals(
        Path.of("/srv/memo"),
        ((DiskStore) MemoStores.resolve("file:///srv/memo", Map.of(), HOME, null)).directory());
  }

  @Test
  void propertyWinsOverEnvironment() {
    MemoStore store =
        MemoStores.resolve(
            "file:/from/property", Map.of(MemoStores.ENVIRONMENT, "none"), HOME, null);

    assertEquals(Path.of("/from/property"), ((DiskStore) store).directory());
    assertSame(
        MemoStores.none(),
        MemoStores.resolve(null, Map.of(MemoStores.ENVIRONMENT, "none"), HOME, null));
  }

  @Test
  void none_storesNothing() {
    MemoStore none = MemoStores.resolve("none", Map.of(), HOME, null);
    none.put("m", new byte[] {1}, new byte[] {2}, Duration.ofSeconds(1));

    assertSame(MemoStores.none(), none);
    assertNull(none.get("m", new byte[] {1}));
    assertEquals(MemoStoreStats.ZERO, none.stats("m"));
  }

  @Test
  void aUriAProviderSupports_isOpenedByThatProviderWithTheSecret() {
    MemoStore store = MemoStores.resolve("memtest://host:1", Map.of(), HOME, "s3cret");

    assertEquals(new TestStoreProvider.Opened(URI.create("memtest://host:1"), "s3cret"), store);
  }

  @Test
  void redisWithoutItsProvider_actsAsNoneInsteadOfFailing() {
    assertSame(
        MemoStores.none(),
        MemoStores.resolve("redis://user:pw@localhost:6379/0", Map.of(), HOME, "s"));
    assertSame(MemoStores.none(), MemoStores.resolve("rediss://localhost", Map.of(), HOME, "s"));
  }

  @Test
  void anUnknownSettingOrAFailingProvider_actsAsNone() {
    assertSame(MemoStores.none(), MemoStores.resolve("ftp://x", Map.of(), HOME, null));
    assertSame(MemoStores.none(), MemoStores.resolve("not a uri", Map.of(), HOME, null));
    assertSame(MemoStores.none(), MemoStores.resolve("file:", Map.of(), HOME, null));
    assertSame(MemoStores.none(), MemoStores.resolve("memtest://fail", Map.of(), HOME, null));
  }

  @Test
  void use_winsOverTheConfigurationAndRefusesNull() {
    MemoStore store = new TestStoreProvider.Opened(URI.create("memtest://used"), null);

    MemoStores.use(store);
    try {
      assertSame(store, MemoStores.current());
    } finally {
      MemoStores.use(MemoStores.none());
    }
    assertThrows(NullPointerException.class, () -> MemoStores.use(null));
  }
}
