package com.example.shapes;

import io.memocache.Memo;
import java.io.FileNotFoundException;
import java.io.IOException;

/** Checked exceptions and several constructors, some throwing, one varargs. */
public class Checked {
  private final String name;

  public Checked() {
    this("default");
  }

  public Checked(String name) {
    this.name = name;
  }

  protected Checked(String first, String... rest) throws IOException {
    if (first.isEmpty()) {
      throw new IOException("empty name");
    }
    this.name = first + String.join("", rest);
  }

  Checked(int copies) throws FileNotFoundException, InterruptedException {
    this.name = "copies" + copies;
  }

  public String name() {
    return name;
  }

  @Memo
  public String load(String path) throws IOException {
    Calls.record("load");
    if (path.startsWith("missing")) {
      throw new FileNotFoundException(path);
    }
    return name + ":" + path;
  }

  @Memo
  public int parse(String text) {
    Calls.record("parse");
    return Integer.parseInt(text);
  }
}
