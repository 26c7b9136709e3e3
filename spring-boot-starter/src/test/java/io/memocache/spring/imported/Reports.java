package io.memocache.spring.imported;

import io.memocache.Memo;

/** Outside the scanned packages: a bean only through @Import. */
public class Reports {
  @Memo
  public String report(int year) {
    return "report " + year;
  }
}
