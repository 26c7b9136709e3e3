package io.memocache.processor;

import com.palantir.javapoet.TypeName;

/**
 * A {@code @Singleton(validate = ...)} or {@code onRelease} method, as generated code calls it.
 *
 * @param name the method's name
 * @param isStatic whether it is static (called on the source class, not on an instance)
 * @param valueType the type generated code casts the cached value to before passing it: the
 *     erasure of the cached method's return type, which a static initializer may name
 * @param unchecked whether that cast, or the call on a raw receiver, needs unchecked and rawtypes
 *     warnings suppressed
 */
record LifecycleHook(String name, boolean isStatic, TypeName valueType, boolean unchecked) {}
