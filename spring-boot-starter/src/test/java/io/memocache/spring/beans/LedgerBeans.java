package io.memocache.spring.beans;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A final class's bean, with or without the delegate bean that caches it. */
public class LedgerBeans {
  /** The delegate is declared too: nothing to report. */
  @Configuration(proxyBeanMethods = false)
  public static class Wrapped {
    @Bean
    Ledger ledger() {
      return new Ledger();
    }

    @Bean
    Ledger_Cached cachedLedger(Ledger ledger) {
      return new Ledger_Cached(ledger);
    }
  }

  /** Only the plain class: reported. */
  @Configuration(proxyBeanMethods = false)
  public static class Bare {
    @Bean
    Ledger ledger() {
      return new Ledger();
    }
  }
}
