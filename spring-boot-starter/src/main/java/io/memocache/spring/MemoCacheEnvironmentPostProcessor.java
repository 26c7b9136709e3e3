package io.memocache.spring;

import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Passes the memo store settings from Spring's {@code Environment} ({@code application.properties},
 * profiles, config servers…) to memocache, which reads them from system properties: {@code
 * memocache.store} and {@code memocache.secret} are set as system properties when the environment
 * has them and the system property is not already set, so a {@code -D} on the command line still
 * wins. Runs once the application's configuration files are loaded, before any bean exists, so
 * before any persisted method is called.
 *
 * <p>System properties are process-wide: in a JVM running several applications, the first to
 * start sets them.
 */
public class MemoCacheEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
  /** The settings passed through, in the names memocache reads. */
  static final List<String> PROPERTIES = List.of("memocache.store", "memocache.secret");

  /** Creates the post-processor; Spring Boot does so from {@code META-INF/spring.factories}. */
  public MemoCacheEnvironmentPostProcessor() {}

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    for (String name : PROPERTIES) {
      String value = environment.getProperty(name);
      if (value != null && !value.isEmpty() && System.getProperty(name) == null) {
        System.setProperty(name, value);
      }
    }
  }

  /** Runs after every other post-processor, once all configuration is loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
