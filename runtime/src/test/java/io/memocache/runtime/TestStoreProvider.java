package io.memocache.runtime;

import java.net.URI;
import java.time.Duration;

/**
 * A provider found through {@code META-INF/services}, as {@code memocache-redis}'s will be: opens
 * {@code memtest://} URIs, and throws for {@code memtest://fail}.
 */
public final class TestStoreProvider implements MemoStoreProvider {
  /** Creates the provider; ServiceLoader needs a public constructor. */
  public TestStoreProvider() {}

  @Override
  public boolean supports(URI uri) {
    return "memtest".equals(uri.getScheme());
  }

  @Override
  public MemoStore open(URI uri, String secret) {
    if (uri.getHost().equals("fail")) {
      throw new IllegalArgumentException("memtest cannot connect to " + uri);
    }
    return new Opened(uri, secret);
  }

  /** The store the provider opened, remembering what it was opened with. */
  record Opened(URI uri, String secret) implements MemoStore {
    @Override
    public byte[] get(String methodId, byte[] key) {
      return null;
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {}

    @Override
    public void remove(String methodId, byte[] key) {}

    @Override
    public void clear(String methodId) {}

    @Override
    public void clearAll() {}

    @Override
    public void close() {}
  }
}
