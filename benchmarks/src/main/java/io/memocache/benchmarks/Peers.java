package io.memocache.benchmarks;

import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.impl.copy.SerializingCopier;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The caches a Java developer would use instead, configured the way their documentation says. */
final class Peers {
  private Peers() {}

  /** Spring's cache abstraction with its default, by-reference ConcurrentMapCacheManager. */
  @Configuration
  @EnableCaching
  static class SpringByReference {
    @Bean
    ConcurrentMapCacheManager cacheManager() {
      return new ConcurrentMapCacheManager();
    }

    @Bean
    SpringService service() {
      return new SpringService();
    }
  }

  /** Spring with store-by-value: values are serialized on the way in and out. */
  @Configuration
  @EnableCaching
  static class SpringByValue {
    @Bean
    ConcurrentMapCacheManager cacheManager() {
      ConcurrentMapCacheManager manager = new ConcurrentMapCacheManager();
      manager.setStoreByValue(true);
      // Without a class loader, Spring 6.2 silently keeps storing by reference.
      manager.setBeanClassLoader(Peers.class.getClassLoader());
      return manager;
    }

    @Bean
    SpringService service() {
      return new SpringService();
    }
  }

  static SpringService spring(Class<?> configuration) {
    AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(configuration);
    return context.getBean(SpringService.class);
  }

  /** A JSR-107 cache with store-by-value, from Caffeine's JCache provider. */
  static Cache<Integer, Object> jcacheByValue(String name) {
    CacheManager manager = new CaffeineCachingProvider().getCacheManager();
    Cache<Integer, Object> existing = manager.getCache(name, Integer.class, Object.class);
    if (existing != null) {
      return existing;
    }
    return manager.createCache(
        name,
        new MutableConfiguration<Integer, Object>()
            .setTypes(Integer.class, Object.class)
            .setStoreByValue(true));
  }

  /** An Ehcache 3 heap cache whose values are copied by serialization. */
  static org.ehcache.Cache<Integer, Serializable> ehcacheByValue(String name) {
    org.ehcache.CacheManager manager =
        CacheManagerBuilder.newCacheManagerBuilder()
            .withCache(
                name,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Integer.class, Serializable.class, ResourcePoolsBuilder.heap(16))
                    .withValueCopier(SerializingCopier.<Serializable>asCopierClass()))
            .build(true);
    return manager.getCache(name, Integer.class, Serializable.class);
  }

  /** A Java serialization round trip: what serializing store-by-value caches do per hit. */
  static Object serializationRoundTrip(Object value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
