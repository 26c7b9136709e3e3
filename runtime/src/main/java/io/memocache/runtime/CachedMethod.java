package io.memocache.runtime;

/**
 * A live view of one cached method's cache, as listed by {@link MemoCaches#methods()} and {@link
 * SingletonCaches#methods()} and handed to their listeners. Monitoring holds on to it to read fresh
 * statistics whenever it wants them; operations tools use it to clear one method.
 *
 * <p>Instances are the caches themselves: a view stays valid as long as its generated class is
 * loaded, and holding one weakly (as Micrometer's function meters do) never keeps a class loader
 * alive. Implemented by memocache only.
 */
public interface CachedMethod {
  /**
   * Returns the stable identity of the method: the binary name of the declaring class, a dot, the
   * method's name and its parameter types as written, without spaces, for example {@code
   * com.acme.Catalog.price(String,int)} or {@code com.acme.Outer$Inner.load(Map<String,Integer>)}.
   * The same method has the same id in every JVM and every run; two overloads have different ids.
   *
   * @return the id, also {@link CacheStats#id()}
   */
  String id();

  /**
   * Returns a snapshot of the method's statistics, taken now.
   *
   * @return the statistics
   */
  CacheStats stats();

  /**
   * Removes every entry of this method, this overload only (the generated {@code clearX()} clears
   * every overload named {@code x}). Computations running now still return to their callers, but
   * their results are not stored.
   */
  void clear();
}
