package com.example.shapes;

import io.memocache.Memo;

/** An enum with a cached method: enums cannot be extended, so Planet_Cached delegates. */
public enum Planet {
  MERCURY(3.303e+23, 2.4397e6),
  EARTH(5.976e+24, 6.37814e6);

  private final double mass;
  private final double radius;

  Planet(double mass, double radius) {
    this.mass = mass;
    this.radius = radius;
  }

  @Memo
  public double surfaceWeight(double otherMass) {
    Calls.record("surfaceWeight");
    return otherMass * 6.67300E-11 * mass / (radius * radius);
  }
}
