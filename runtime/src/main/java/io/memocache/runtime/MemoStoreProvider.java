package io.memocache.runtime;

import java.net.URI;

/**
 * Opens the store named by a {@code memocache.store} URI that the runtime itself does not know,
 * such as {@code redis://host:6379}. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.memocache.runtime.MemoStoreProvider} entry, or a {@code provides}
 * clause), so adding an artifact such as {@code memocache-redis} to the class path is all a user
 * does.
 */
public interface MemoStoreProvider {

  /**
   * Returns whether this provider opens stores for the URI (usually judged by its scheme).
   *
   * @param uri the configured URI
   * @return whether {@link #open} accepts it
   */
  boolean supports(URI uri);

  /**
   * Opens the store. The runtime calls this at most once per process and URI, logs any exception it
   * throws and then runs without a store, so a message that names the setting and the fix is worth
   * writing.
   *
   * @param uri the configured URI
   * @param secret the value of {@code memocache.secret} / {@code MEMOCACHE_SECRET}, or {@code null}
   *     when neither is set
   * @return the store
   */
  MemoStore open(URI uri, String secret);
}
