package io.memocache.redis;

import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStoreProvider;
import java.net.URI;

/**
 * Opens a {@link RedisStore} for {@code memocache.store=redis://…} and {@code rediss://…}. Found by
 * {@link java.util.ServiceLoader}; users never call it.
 */
public final class RedisStoreProvider implements MemoStoreProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public RedisStoreProvider() {}

  @Override
  public boolean supports(URI uri) {
    String scheme = uri.getScheme();
    return "redis".equalsIgnoreCase(scheme) || "rediss".equalsIgnoreCase(scheme);
  }

  @Override
  public MemoStore open(URI uri, String secret) {
    return RedisStore.connect(uri.toString(), secret);
  }
}
