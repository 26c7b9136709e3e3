package com.example.shapes;

import io.memocache.Memo;

/** An abstract class: AbstractReport_Cached is abstract too, and users extend it. */
public abstract class AbstractReport {
  private final String title;

  protected AbstractReport(String title) {
    this.title = title;
  }

  protected abstract String body(int page);

  @Memo
  public String render(int page) {
    Calls.record("render");
    return title + ": " + body(page);
  }
}
