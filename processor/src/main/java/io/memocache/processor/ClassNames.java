package io.memocache.processor;

import com.palantir.javapoet.ClassName;

/** Names of the runtime types that generated code uses; the processor never loads them. */
final class ClassNames {
  static final String MEMO = "io.memocache.Memo";
  static final String SINGLETON = "io.memocache.Singleton";

  static final ClassName METHOD_CACHE =
      ClassName.get("io.memocache.runtime.internal", "MethodCache");
  static final ClassName PENDING = METHOD_CACHE.nestedClass("Pending");
  static final ClassName REFRESH =
      ClassName.get("io.memocache.runtime.internal", "Refresher").nestedClass("Refresh");
  static final ClassName KEYS = ClassName.get("io.memocache.runtime.internal", "Keys");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private ClassNames() {}
}
