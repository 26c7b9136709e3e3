package io.memocache.runtime;

import io.memocache.runtime.internal.store.StoreSecret;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The process's memo store, where {@code @Memo(persist = true)} methods keep their entries.
 *
 * <p>The store is, in order of precedence:
 *
 * <ol>
 *   <li>the one given to {@link #use(MemoStore)};
 *   <li>the one named by the system property {@value #PROPERTY}, else the environment variable
 *       {@value #ENVIRONMENT}:
 *       <ul>
 *         <li>{@code file:<directory>} (a path, or a {@code file:///} URI): a {@link DiskStore};
 *         <li>{@code redis://…} / {@code rediss://…}, or any other URI a {@link MemoStoreProvider}
 *             on the class path supports (such as {@code memocache-redis}'s), opened with the
 *             secret in {@code memocache.secret} / {@code MEMOCACHE_SECRET};
 *         <li>{@code none}: no store; persisted methods act as plain memos;
 *       </ul>
 *   <li>with nothing configured, a {@link DiskStore} in {@code $XDG_CACHE_HOME/memocache}, else in
 *       {@code ~/.cache/memocache}.
 * </ol>
 *
 * <p>The configuration is read once, at the first {@link #current()}. A setting that cannot be
 * honored (an unknown scheme, a {@code redis://} URI without {@code memocache-redis} on the class
 * path, a provider that fails to open) is logged once as an error under {@code io.memocache.store}
 * and the process runs without a store: it never fails a call.
 */
public final class MemoStores {
  /** The system property naming the store. */
  public static final String PROPERTY = "memocache.store";

  /** The environment variable naming the store, read when the property is not set. */
  public static final String ENVIRONMENT = "MEMOCACHE_STORE";

  private static final Logger LOGGER = System.getLogger("io.memocache.store");
  private static final Object LOCK = new Object();
  private static volatile MemoStore current;

  private MemoStores() {}

  /**
   * Makes {@code store} the process's store, in place of any configured or earlier one (which is
   * not closed: its owner closes it).
   *
   * @param store the store; {@link #none()} for none
   */
  public static void use(MemoStore store) {
    Objects.requireNonNull(store, "store");
    synchronized (LOCK) {
      current = store;
    }
  }

  /**
   * Returns the process's store, resolving the configuration on first use.
   *
   * @return the store, never {@code null}
   */
  public static MemoStore current() {
    MemoStore store = current;
    if (store != null) {
      return store;
    }
    synchronized (LOCK) {
      if (current == null) {
        current =
            resolve(
                System.getProperty(PROPERTY),
                System.getenv(),
                System.getProperty("user.home"),
                StoreSecret.configured());
      }
      return current;
    }
  }

  /**
   * Returns a store that stores nothing: every read misses, every write does nothing.
   *
   * @return the empty store
   */
  public static MemoStore none() {
    return NoStore.INSTANCE;
  }

  /**
   * Resolves a configuration into a store; never throws for a bad setting.
   *
   * @param property the system property's value, or null
   * @param environment the process environment
   * @param userHome the user's home directory
   * @param secret the configured secret, or null
   */
  static MemoStore resolve(
      String property, Map<String, String> environment, String userHome, String secret) {
    String setting = property;
    String source = "system property " + PROPERTY;
    if (setting == null || setting.isBlank()) {
      setting = environment.get(ENVIRONMENT);
      source = "environment variable " + ENVIRONMENT;
    }
    if (setting == null || setting.isBlank()) {
      return DiskStore.open(defaultDirectory(environment, userHome));
    }
    setting = setting.strip();
    try {
      if (setting.equalsIgnoreCase("none")) {
        return none();
      }
      if (setting.regionMatches(true, 0, "file:", 0, 5)) {
        return DiskStore.open(filePath(setting));
      }
      URI uri;
      try {
        uri = new URI(setting);
      } catch (URISyntaxException e) {
        LOGGER.log(
            Level.ERROR,
            "memocache: "
                + source
                + " is '"
                + redacted(setting)
                + "', which is neither file:<directory>, none, nor a URI ("
                + e.getMessage()
                + "). Persisted methods run without a store until it is fixed.");
        return none();
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      for (MemoStoreProvider provider : ServiceLoader.load(MemoStoreProvider.class)) {
        if (provider.supports(uri)) {
          return Objects.requireNonNull(
              provider.open(uri, secret), provider.getClass().getName() + ".open returned null");
        }
      }
      String fix =
          scheme.equals("redis") || scheme.equals("rediss")
              ? "add io.memocache:memocache-redis to the class path"
              : "use file:<directory>, redis://host:port, rediss://host:port or none";
      LOGGER.log(
          Level.ERROR,
          "memocache: "
              + source
              + " is '"
              + redacted(setting)
              + "', but no memo store supports it: "
              + fix
              + ". Persisted methods run without a store until then.");
    } catch (Exception | LinkageError | ServiceConfigurationError e) {
      LOGGER.log(
          Level.ERROR,
          "memocache: cannot open the memo store '"
              + redacted(setting)
              + "' named by "
              + source
              + ": "
              + e.getMessage()
              + ". Persisted methods run without a store until it is fixed.",
          e instanceof IllegalArgumentException ? null : e); // a bad setting needs no trace
    }
    return none();
  }

  /**
   * Returns the default directory: {@code $XDG_CACHE_HOME/memocache} when that variable holds an
   * absolute path (as the XDG specification requires), else {@code <home>/.cache/memocache}.
   */
  static Path defaultDirectory(Map<String, String> environment, String userHome) {
    String xdg = environment.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      try {
        Path base = Paths.get(xdg);
        if (base.isAbsolute()) {
          return base.resolve("memocache");
        }
      } catch (InvalidPathException ignored) {
        // Not a path: the XDG specification says to ignore it.
      }
    }
    return Paths.get(userHome, ".cache", "memocache");
  }

  private static Path filePath(String setting) {
    String rest = setting.substring(5);
    if (rest.startsWith("//")) {
      return Paths.get(URI.create(setting));
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("file: needs a directory, as in file:/var/cache/app");
    }
    return Paths.get(rest);
  }

  /** Hides a password in a URI's user info, so it never reaches a log. */
  private static String redacted(String setting) {
    int at = setting.indexOf('@');
    int scheme = setting.indexOf("://");
    return at > scheme && scheme >= 0
        ? setting.substring(0, scheme + 3) + "***" + setting.substring(at)
        : setting;
  }

  private enum NoStore implements MemoStore {
    INSTANCE;

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

    @Override
    public String toString() {
      return "MemoStores.none()";
    }
  }
}
