package io.memocache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memocache.spring.beans.BeanMethods;
import io.memocache.spring.beans.CachingConfiguration;
import io.memocache.spring.beans.CachingConfiguration_Cached;
import io.memocache.spring.beans.Greeter;
import io.memocache.spring.beans.Greeter_Cached;
import io.memocache.spring.beans.Ledger;
import io.memocache.spring.beans.LedgerBeans;
import io.memocache.spring.beans.Ledger_Cached;
import io.memocache.spring.beans.LiteConfiguration;
import io.memocache.spring.beans.LiteConfiguration_Cached;
import io.memocache.spring.beans.Plain;
import io.memocache.spring.beans.Plain_Cached;
import io.memocache.spring.beans.Tariffs;
import io.memocache.spring.beans.TwoConstructors;
import io.memocache.spring.beans.TwoConstructors_Cached;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Which beans are created as their generated subclass, and the warnings for those that are not. */
@ExtendWith(OutputCaptureExtension.class)
class CachedBeansTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MemoCacheAutoConfiguration.class));

  /** Beans for the constructors that take injected values. */
  @Configuration(proxyBeanMethods = false)
  static class Dependencies {
    @Bean
    StringBuilder loud() {
      return new StringBuilder("!");
    }

    @Bean
    StringBuilder quiet() {
      return new StringBuilder(".");
    }
  }

  @Test
  void autowiredConstructor_amongSeveral_isTheOneUsedForTheGeneratedClass() {
    runner
        .withUserConfiguration(Import2.class)
        .run(
            context -> {
              TwoConstructors bean = context.getBean(TwoConstructors.class);
              assertThat(bean).isInstanceOf(TwoConstructors_Cached.class);
              assertThat(bean.source(0)).isEqualTo("injected !");
            });
  }

  @Import(TwoConstructors.class)
  static class Import2 {
    @Bean
    StringBuilder onlyBuilder() {
      return new StringBuilder("!");
    }
  }

  /**
   * {@code @Value} and {@code @Qualifier} reach Spring only if the processor copies constructor
   * parameter annotations onto the generated constructor (SPEC §3). Skipped, with the reason, for
   * a processor that does not.
   */
  @Test
  void valueAndQualifier_onConstructorParameters_keepWorking() throws Exception {
    assumeTrue(
        Arrays.stream(Greeter_Cached.class.getConstructors()[0].getParameterAnnotations()[0])
            .anyMatch(Value.class::isInstance),
        "the processor does not copy constructor parameter annotations yet");
    runner
        .withPropertyValues("greeting=Hello")
        .withUserConfiguration(Dependencies.class, Greeter.class)
        .run(
            context -> {
              Greeter greeter = context.getBean(Greeter.class);
              assertThat(greeter).isInstanceOf(Greeter_Cached.class);
              assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada!");
            });
  }

  @Test
  void beanMethodReturningThePlainClass_isReportedWithTheMethodAndTheFix(CapturedOutput output) {
    runner
        .withUserConfiguration(BeanMethods.class)
        .run(
            context -> {
              assertThat(context.getBean("cachedPlain")).isInstanceOf(Plain_Cached.class);
              assertThat(context.getBean("forgottenPlain")).isNotInstanceOf(Plain_Cached.class);
            });
    assertThat(output)
        .contains(
            "[MemoUncachedBean] bean 'forgottenPlain' is a io.memocache.spring.beans.Plain, not a"
                + " Plain_Cached")
        .contains("its @Bean method BeanMethods.forgottenPlain() returns a plain Plain")
        .contains("Return new Plain_Cached(...) from it")
        .doesNotContain("bean 'cachedPlain'");
  }

  @Test
  void configurationClassWithCachedMethods_isReported(CapturedOutput output) {
    runner
        .withUserConfiguration(CachingConfiguration.class)
        .run(
            context ->
                assertThat(context.getBean(CachingConfiguration.class))
                    .isNotInstanceOf(CachingConfiguration_Cached.class));
    assertThat(output)
        .contains("[MemoUncachedBean] bean '")
        .contains("CachingConfiguration, not a CachingConfiguration_Cached")
        .contains("Move the cached methods to a separate @Component");
  }

  @Test
  void configurationWithoutBeanMethodProxies_isCreatedAsItsGeneratedSubclass(
      CapturedOutput output) {
    runner
        .withUserConfiguration(LiteConfiguration.class)
        .run(
            context ->
                assertThat(context.getBean(LiteConfiguration.class))
                    .isInstanceOf(LiteConfiguration_Cached.class));
    assertThat(output).doesNotContain("[MemoUncachedBean]");
  }

  @Test
  void classWithOnlyStaticCachedMethods_isNotReported(CapturedOutput output) {
    runner
        .withUserConfiguration(Tariffs.class)
        .run(context -> assertThat(context).hasSingleBean(Tariffs.class));
    assertThat(output).doesNotContain("[MemoUncachedBean]");
  }

  @Test
  void finalClass_isReportedUnlessItsDelegateIsABean(CapturedOutput output) {
    runner
        .withUserConfiguration(LedgerBeans.Wrapped.class)
        .run(context -> assertThat(context).hasSingleBean(Ledger_Cached.class));
    assertThat(output).doesNotContain("[MemoUncachedBean]");

    runner
        .withUserConfiguration(LedgerBeans.Bare.class)
        .run(context -> assertThat(context).hasSingleBean(Ledger.class));
    assertThat(output)
        .contains("[MemoUncachedBean] bean 'ledger' is a io.memocache.spring.beans.Ledger")
        .contains("Ledger cannot be subclassed, so Ledger_Cached is a delegate");
  }

  @Test
  void withoutTheStarter_theBeanIsThePlainClass() {
    new ApplicationContextRunner()
        .withUserConfiguration(Plain.class)
        .run(
            context ->
                assertThat(context.getBean(Plain.class)).isNotInstanceOf(Plain_Cached.class));
  }
}
