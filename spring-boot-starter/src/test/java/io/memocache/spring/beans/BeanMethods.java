package io.memocache.spring.beans;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** @Bean methods: one returns the generated class, the other forgets to. */
@Configuration(proxyBeanMethods = false)
public class BeanMethods {
  @Bean
  Plain cachedPlain() {
    return new Plain_Cached();
  }

  @Bean
  Plain forgottenPlain() {
    return new Plain();
  }
}
