package io.memocache.spring.beans;

import io.memocache.Memo;
import org.springframework.context.annotation.Configuration;

/** Without bean-method proxies Spring needs no subclass of its own: the generated one is used. */
@Configuration(proxyBeanMethods = false)
public class LiteConfiguration {
  @Memo
  public int settings(int version) {
    return version;
  }
}
