package io.memocache.spring.beans;

import io.memocache.Memo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A full @Configuration class with a @Bean method, so Spring creates it as its CGLIB subclass,
 * and a @Memo method, which that subclass does not cache.
 */
@Configuration
public class CachingConfiguration {
  @Bean
  StringBuilder configured() {
    return new StringBuilder();
  }

  @Memo
  public int settings(int version) {
    return version;
  }
}
