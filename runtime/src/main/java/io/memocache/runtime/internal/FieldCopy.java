package io.memocache.runtime.internal;

import com.esotericsoftware.kryo.Kryo;

/**
 * Copies the fields of one class from an original into a fresh instance. Implemented by classes
 * memocache defines at run time next to a user class. For memocache's own use only.
 */
public interface FieldCopy {
  /**
   * Copies the fields this copier covers.
   *
   * @param original the object copied
   * @param copy the new instance, of the same class
   * @param kryo the copying Kryo, for fields whose values need a deep copy
   */
  void copy(Object original, Object copy, Kryo kryo);

  /**
   * Returns a new instance of the class through its no-arg constructor, for copiers defined for
   * a class that has one.
   *
   * @return the new instance
   * @throws UnsupportedOperationException when the class has no no-arg constructor
   */
  default Object newInstance() {
    throw new UnsupportedOperationException("no no-arg constructor");
  }
}
