package io.memocache.spring;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.CachedMethod;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code memocache}: every cached method of the process with its statistics
 * ({@code GET /actuator/memocache}), one method ({@code GET /actuator/memocache/{id}}), and clears
 * ({@code DELETE /actuator/memocache} for all, {@code DELETE /actuator/memocache/{id}} for one).
 * An id is {@link CachedMethod#id()}, for example {@code com.acme.Catalog.price(String,int)}; in a
 * URL, encode the characters a path segment does not allow ({@code <}, {@code >}).
 *
 * <p>Like every Actuator endpoint, it must be exposed to be reached over HTTP: {@code
 * management.endpoints.web.exposure.include=memocache}. Clearing drops singleton instances without
 * closing them.
 */
@Endpoint(id = "memocache")
public class MemoCacheEndpoint {
  /** Creates the endpoint; the auto-configuration declares it as a bean. */
  public MemoCacheEndpoint() {}

  /**
   * Lists every cached method whose generated class has been loaded.
   *
   * @return the methods by id
   */
  @ReadOperation
  public CachedMethodsDescriptor methods() {
    Map<String, CachedMethodDescriptor> methods = new TreeMap<>();
    add(methods, "memo", MemoCaches.methods());
    add(methods, "singleton", SingletonCaches.methods());
    return new CachedMethodsDescriptor(methods);
  }

  /**
   * Describes one cached method.
   *
   * @param id the method's id
   * @return its description, or {@code null} (HTTP 404) when no loaded method has this id
   */
  @ReadOperation
  public CachedMethodDescriptor method(@Selector String id) {
    return methods().methods().get(id);
  }

  /** Clears every {@code @Memo} and {@code @Singleton} cache of the process. */
  @DeleteOperation
  public void clearAll() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
  }

  /**
   * Clears one cached method.
   *
   * @param id the method's id
   * @return whether a loaded method has this id (nothing was cleared otherwise)
   */
  @DeleteOperation
  public boolean clear(@Selector String id) {
    boolean memo = MemoCaches.clear(id);
    boolean singleton = SingletonCaches.clear(id);
    return memo || singleton;
  }

  private static void add(
      Map<String, CachedMethodDescriptor> methods, String kind, List<CachedMethod> views) {
    for (CachedMethod view : views) {
      methods.putIfAbsent(view.id(), CachedMethodDescriptor.of(kind, view.stats()));
    }
  }

  /**
   * Every cached method, by id.
   *
   * @param methods the methods, sorted by id
   */
  public record CachedMethodsDescriptor(Map<String, CachedMethodDescriptor> methods)
      implements OperationResponseBody {}

  /**
   * One cached method's statistics, as {@link CacheStats} defines them.
   *
   * @param kind {@code memo} or {@code singleton}
   * @param className the declaring class's binary name
   * @param method {@code SimpleClassName.method(Types)}
   * @param entries entries stored now
   * @param hits calls answered from a stored value
   * @param misses calls that found no stored value
   * @param hitRate hits over calls, from 0 to 1
   * @param computations times the method ran
   * @param failures computations that threw
   * @param evictions entries removed by the bound or by expiry
   * @param totalComputationMillis time spent computing, summed, in milliseconds
   * @param meanComputationMillis mean time of one computation, in milliseconds
   */
  public record CachedMethodDescriptor(
      String kind,
      String className,
      String method,
      long entries,
      long hits,
      long misses,
      double hitRate,
      long computations,
      long failures,
      long evictions,
      double totalComputationMillis,
      double meanComputationMillis)
      implements OperationResponseBody {

    static CachedMethodDescriptor of(String kind, CacheStats stats) {
      return new CachedMethodDescriptor(
          kind,
          stats.binaryClassName(),
          stats.method(),
          stats.entries(),
          stats.hits(),
          stats.misses(),
          stats.hitRate(),
          stats.computations(),
          stats.failures(),
          stats.evictions(),
          stats.totalComputationTime().toNanos() / 1e6,
          stats.meanComputationTime().toNanos() / 1e6);
    }
  }
}
