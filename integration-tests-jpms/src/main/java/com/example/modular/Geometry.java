package com.example.modular;

import com.example.modular.model.Box;
import com.example.modular.model.Point;
import com.example.modular.sealed.Vault;
import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** Cached methods of every result kind, in a named module. */
public class Geometry {
  /** How many times an original method ran. */
  public final AtomicInteger computations = new AtomicInteger();

  /** Creates the service. */
  public Geometry() {}

  /**
   * Returns a point, a record.
   *
   * @param n the coordinate
   * @return the point (n, n)
   */
  @Memo
  public Point diagonal(int n) {
    computations.incrementAndGet();
    return new Point(n, n);
  }

  /**
   * Returns a box, a mutable bean.
   *
   * @param label the one item
   * @return a new box holding the label
   */
  @Memo
  public Box box(String label) {
    computations.incrementAndGet();
    Box box = new Box();
    box.items().add(label);
    return box;
  }

  /**
   * Returns a vault, whose package is not opened.
   *
   * @param secret its content
   * @return a new vault
   */
  @Memo
  public Vault vault(int secret) {
    computations.incrementAndGet();
    return new Vault(secret);
  }

  /**
   * Returns one shared vault, by reference.
   *
   * @return the vault
   */
  @Singleton
  public Vault sharedVault() {
    computations.incrementAndGet();
    return new Vault(7);
  }
}
