package io.memocache.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * memocache in a Spring Boot application: runs {@link QuotesDemo} once at startup, prints what
 * it shows, and exits. Spring properties on the command line ({@code --memocache.store=...})
 * override {@code application.properties}.
 */
@SpringBootApplication
public class QuotesApplication {
  /** Created by Spring. */
  public QuotesApplication() {}

  /**
   * Starts the application, which runs the demo, then closes it: no server is left running.
   *
   * @param args Spring Boot's command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(QuotesApplication.class, args).close();
  }
}
