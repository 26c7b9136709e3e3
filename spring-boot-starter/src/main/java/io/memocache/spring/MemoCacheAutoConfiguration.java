package io.memocache.spring;

import io.memocache.micrometer.MemoCacheMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * memocache in a Spring Boot application:
 *
 * <ul>
 *   <li>a bean whose class {@code Foo} has a generated subclass {@code Foo_Cached} (from component
 *       scanning, {@code @Import} or a registered class) is created as {@code Foo_Cached}, through
 *       its mirrored constructors, and is still injected wherever a {@code Foo} is wanted;
 *   <li>a bean that has generated caching code but is created without it (a {@code @Bean} method
 *       returning {@code new Foo()}, a {@code @Configuration} class) is reported at startup with a
 *       {@code [MemoUncachedBean]} warning that names it and the fix;
 *   <li>with Micrometer, every cached method is published to the application's meter registries
 *       ({@link MemoCacheMetrics});
 *   <li>with Actuator, the {@code memocache} endpoint ({@link MemoCacheEndpoint}).
 * </ul>
 */
@AutoConfiguration
public class MemoCacheAutoConfiguration {
  /** Created by Spring Boot's auto-configuration. */
  public MemoCacheAutoConfiguration() {}

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static CachedBeanClassPostProcessor memoCacheBeanClassPostProcessor() {
    return new CachedBeanClassPostProcessor();
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static CachedBeanPostProcessor memoCacheBeanPostProcessor() {
    return new CachedBeanPostProcessor();
  }

  /** Publishes the cached methods to every {@code MeterRegistry} of the application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MemoCacheMetrics.class})
  static class MetricsConfiguration {
    /**
     * A {@code MeterBinder}, which Spring Boot binds to each registry; closed with the context.
     *
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    MemoCacheMetrics memoCacheMetrics() {
      return new MemoCacheMetrics();
    }
  }

  /** The Actuator endpoint, when Actuator is present and the endpoint is exposed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    MemoCacheEndpoint memoCacheEndpoint() {
      return new MemoCacheEndpoint();
    }
  }
}
