package io.memocache.spring.beans;

import io.memocache.Memo;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/** Constructor parameters that need their annotations on the generated constructor too. */
public class Greeter {
  private final String greeting;
  private final StringBuilder punctuation;

  public Greeter(
      @Value("${greeting}") String greeting, @Qualifier("loud") StringBuilder punctuation) {
    this.greeting = greeting;
    this.punctuation = punctuation;
  }

  @Memo
  public String greet(String name) {
    return greeting + ", " + name + punctuation;
  }
}
