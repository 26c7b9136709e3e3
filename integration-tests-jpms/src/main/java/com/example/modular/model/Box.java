package com.example.modular.model;

import java.util.ArrayList;
import java.util.List;

/** A plain mutable bean result: copied field by field, which needs its package opened. */
public class Box {
  private final List<String> items = new ArrayList<>();

  /** Creates an empty box. */
  public Box() {}

  /**
   * Returns the items, mutable.
   *
   * @return the items
   */
  public List<String> items() {
    return items;
  }
}
