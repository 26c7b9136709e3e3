package io.memocache.processor;

/** The two annotations, and what each means for generated code. */
enum CacheKind {
  MEMO(ClassNames.MEMO, "@Memo", "memo"),
  SINGLETON(ClassNames.SINGLETON, "@Singleton", "singleton");

  private final String annotationName;
  private final String display;
  private final String factoryMethod;

  CacheKind(String annotationName, String display, String factoryMethod) {
    this.annotationName = annotationName;
    this.display = display;
    this.factoryMethod = factoryMethod;
  }

  /** The annotation's qualified name. */
  String annotationName() {
    return annotationName;
  }

  /** The annotation as users write it, for messages. */
  String display() {
    return display;
  }

  /** The {@code MethodCache} factory that starts a cache of this kind. */
  String factoryMethod() {
    return factoryMethod;
  }

  /** Whether results are handed out by value. */
  boolean copiesValues() {
    return this == MEMO;
  }
}
