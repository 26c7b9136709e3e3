package io.memocache.micrometer;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.CachedMethod;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The meters of one cached method: Micrometer's common cache meters from {@link CacheMeterBinder},
 * plus the computation meters its Caffeine binder publishes for loading caches.
 */
final class CachedMethodMetrics extends CacheMeterBinder<CachedMethod> {
  private static final String DESCRIPTION_CACHE_LOAD =
      "The number of times the cached method ran, and returned (success) or threw (failure)";

  CachedMethodMetrics(CachedMethod method, Iterable<Tag> tags) {
    super(method, cacheName(method.stats()), Tags.concat(tags, identityTags(method.stats())));
  }

  private static String cacheName(CacheStats stats) {
    return stats.className() + "." + stats.methodName();
  }

  private static Tags identityTags(CacheStats stats) {
    String signature = stats.id().substring(stats.binaryClassName().length() + 1);
    return Tags.of("class", stats.binaryClassName(), "signature", signature);
  }

  private long read(ToLongFunction<CacheStats> counter) {
    CachedMethod method = getCache();
    return method == null ? 0 : counter.applyAsLong(method.stats());
  }

  @Override
  protected Long size() {
    return read(CacheStats::entries);
  }

  @Override
  protected long hitCount() {
    return read(CacheStats::hits);
  }

  @Override
  protected Long missCount() {
    return read(CacheStats::misses);
  }

  @Override
  protected Long evictionCount() {
    return read(CacheStats::evictions);
  }

  @Override
  protected long putCount() {
    return read(stats -> stats.computations() - stats.failures());
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    CachedMethod method = getCache();
    if (method == null) {
      return;
    }
    FunctionCounter.builder(
            "cache.load", method, m -> m.stats().computations() - m.stats().failures())
        .tags(getTagsWithCacheName())
        .tag("result", "success")
        .description(DESCRIPTION_CACHE_LOAD)
        .register(registry);
    FunctionCounter.builder("cache.load", method, m -> m.stats().failures())
        .tags(getTagsWithCacheName())
        .tag("result", "failure")
        .description(DESCRIPTION_CACHE_LOAD)
        .register(registry);
    TimeGauge.builder(
            "cache.load.duration",
            method,
            TimeUnit.NANOSECONDS,
            m -> m.stats().totalComputationTime().toNanos())
        .tags(getTagsWithCacheName())
        .description("The time the cached method has spent computing values")
        .register(registry);
  }
}
