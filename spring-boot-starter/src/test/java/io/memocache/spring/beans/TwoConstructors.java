package io.memocache.spring.beans;

import io.memocache.Memo;
import org.springframework.beans.factory.annotation.Autowired;

/** Spring must use the @Autowired constructor, also when it creates TwoConstructors_Cached. */
public class TwoConstructors {
  private final String source;

  public TwoConstructors() {
    this("default constructor");
  }

  @Autowired
  public TwoConstructors(StringBuilder injected) {
    this("injected " + injected);
  }

  private TwoConstructors(String source) {
    this.source = source;
  }

  @Memo
  public String source(int ignored) {
    return source;
  }
}
