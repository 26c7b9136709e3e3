package io.memocache.micrometer;

import io.memocache.runtime.CachedMethod;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/*
 * Design note: bindTo subscribes to both registries (MemoCaches, SingletonCaches), which replay the
 * methods already loaded and then pass each generated class's methods as it initializes, so a
 * method first called an hour after binding is published from that moment. Every meter is a
 * function meter (FunctionCounter, Gauge, TimeGauge) that reads the method's counters when the
 * registry is scraped: nothing is added to a cache hit, and the meters hold the cache weakly (as
 * Micrometer's CacheMeterBinder does), so publishing never keeps a class loader alive.
 *
 * The same class loaded by two class loaders yields meters with the same name and tags; Micrometer
 * keeps the first, as it does for any duplicate registration.
 */

/**
 * Publishes every {@code @Memo} and {@code @Singleton} method of the process to a Micrometer
 * registry, with Micrometer's cache meter names, so existing cache dashboards work unchanged:
 *
 * <pre>{@code
 * new MemoCacheMetrics().bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters, one set per cached method</caption>
 *   <tr><th>meter</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code cache.gets}, {@code result=hit}</td><td>function counter</td>
 *       <td>calls answered from a stored value</td></tr>
 *   <tr><td>{@code cache.gets}, {@code result=miss}</td><td>function counter</td>
 *       <td>calls that found no stored value</td></tr>
 *   <tr><td>{@code cache.puts}</td><td>function counter</td>
 *       <td>computations that returned a value</td></tr>
 *   <tr><td>{@code cache.evictions}</td><td>function counter</td>
 *       <td>entries removed by {@code maxEntries} or {@code ttl}</td></tr>
 *   <tr><td>{@code cache.size}</td><td>gauge</td><td>entries stored now</td></tr>
 *   <tr><td>{@code cache.load}, {@code result=success|failure}</td><td>function counter</td>
 *       <td>computations that returned, or threw</td></tr>
 *   <tr><td>{@code cache.load.duration}</td><td>time gauge</td>
 *       <td>time spent computing, summed (as Micrometer's Caffeine binder publishes it)</td></tr>
 * </table>
 *
 * <p>Tags: {@code cache} = {@code SimpleClassName.method} ({@code Outer.Inner.method} for a nested
 * class), {@code class} = the declaring class's binary name, {@code signature} = the method's name
 * and parameter types ({@code area(int,int)}), which tells overloads apart, plus the tags given to
 * the constructor. Methods whose generated class is loaded after {@code bindTo} are published as
 * they load.
 *
 * <p>Each {@code bindTo} keeps listening for new methods until {@link #close()}; close it when its
 * registry goes away (Spring does so for a bean).
 */
public final class MemoCacheMetrics implements MeterBinder, AutoCloseable {
  private final Iterable<Tag> tags;
  private final List<Consumer<CachedMethod>> listeners = new ArrayList<>();

  /** Publishes with the {@code cache}, {@code class} and {@code signature} tags only. */
  public MemoCacheMetrics() {
    this(Tags.empty());
  }

  /**
   * Publishes with these tags added to every meter.
   *
   * @param tags extra tags, for example the application's name
   */
  public MemoCacheMetrics(Iterable<Tag> tags) {
    this.tags = Objects.requireNonNull(tags, "tags");
  }

  /**
   * Publishes every cached method loaded now, and each one loaded later, to {@code registry}.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Consumer<CachedMethod> listener =
        method -> new CachedMethodMetrics(method, tags).bindTo(registry);
    synchronized (listeners) {
      listeners.add(listener);
    }
    MemoCaches.addListener(listener);
    SingletonCaches.addListener(listener);
  }

  /**
   * Stops publishing methods loaded from now on. Meters already registered stay in their
   * registries, as Micrometer meters do.
   */
  @Override
  public void close() {
    List<Consumer<CachedMethod>> bound;
    synchronized (listeners) {
      bound = List.copyOf(listeners);
      listeners.clear();
    }
    for (Consumer<CachedMethod> listener : bound) {
      MemoCaches.removeListener(listener);
      SingletonCaches.removeListener(listener);
    }
  }
}
