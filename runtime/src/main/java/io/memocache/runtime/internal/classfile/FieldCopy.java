package io.memocache.runtime.internal.classfile;

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
   * @param kryo the copying Kryo, for fields whose values need a deep copy; null where none does
   */
  void copy(Object original, Object copy, Kryo kryo);

  /**
   * Returns a new instance of the class, for copiers defined to create them: through the class's
   * no-arg constructor, or, for a class without one, by allocation without running a constructor.
   *
   * @return the new instance
   * @throws UnsupportedOperationException when this copier does not create instances
   */
  default Object newInstance() {
    throw new UnsupportedOperationException("this copier does not create instances");
  }
}
