package io.memocache.processor;

/** The form of a generated {@code Foo_Cached} class. */
enum Shape {
  /** {@code Foo_Cached extends Foo}, overriding the annotated instance methods. */
  SUBCLASS,
  /** Like {@link #SUBCLASS} for an abstract {@code Foo}; users extend {@code Foo_Cached}. */
  ABSTRACT_SUBCLASS,
  /** {@code Foo} cannot be extended: {@code Foo_Cached(Foo delegate)} wraps an instance. */
  DELEGATE,
  /** Only static methods are annotated: a final holder of static methods. */
  STATIC_ONLY;

  boolean extendsSource() {
    return this == SUBCLASS || this == ABSTRACT_SUBCLASS;
  }
}
