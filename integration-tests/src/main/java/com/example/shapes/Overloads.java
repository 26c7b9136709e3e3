package com.example.shapes;

import io.memocache.Memo;

/** Overloads: each its own cache, clearArea() clears all of them. */
public class Overloads {
  @Memo
  public int area(int side) {
    Calls.record("area(int)");
    return side * side;
  }

  @Memo
  public int area(int width, int height) {
    Calls.record("area(int,int)");
    return width * height;
  }

  @Memo
  public double area(double radius) {
    Calls.record("area(double)");
    return Math.PI * radius * radius;
  }
}
