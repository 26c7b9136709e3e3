package io.memocache.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Everything the writer needs to know about one annotated method.
 *
 * @param kind {@code @Memo} or {@code @Singleton}
 * @param name the method's name
 * @param access the method's access modifiers ({@code public}, {@code protected}, or none)
 * @param isStatic whether the method is static
 * @param typeVariables its type parameters
 * @param parameters its parameters, in order
 * @param varargs whether the last parameter is varargs
 * @param returnType its return type
 * @param thrown its throws clause
 * @param immutableResult whether every result is immutable, so never copied
 * @param immutableElements whether results are containers of final immutable types, so a copy
 *     needs only a new container
 * @param ttl the time to live, if any
 * @param maxEntries the bound on entries, or -1
 * @param cacheField the name of the static field holding the method's cache
 * @param clearMethod the name of the generated clear method ({@code clearName})
 * @param descriptor the JVM descriptor of the method's erasure, which the runtime finds its code by
 * @param parameterTypeNames the parameter types as written, without packages, for messages and
 *     statistics
 * @param suppressedWarnings lint categories the mirrored signature needs suppressed
 * @param deprecated whether the source method is deprecated
 * @param safeVarargs whether the source method carries {@code @SafeVarargs}
 * @param persisted whether entries are also kept in the memo store ({@code @Memo(persist = true)})
 * @param validateHook the {@code @Singleton(validate = ...)} method, if any
 * @param onReleaseHook the {@code @Singleton(onRelease = ...)} method, if any
 * @param refreshAfter the age after which entries are refreshed in the background, if any
 * @param async whether the method returns a {@code CompletableFuture} or {@code CompletionStage},
 *     whose value {@code immutableResult} and {@code immutableElements} then describe
 */
record CachedMethodDescriptor(
    CacheKind kind,
    String name,
    Set<Modifier> access,
    boolean isStatic,
    List<TypeVariableName> typeVariables,
    List<ParameterDescriptor> parameters,
    boolean varargs,
    TypeName returnType,
    List<TypeName> thrown,
    boolean immutableResult,
    boolean immutableElements,
    Optional<Duration> ttl,
    long maxEntries,
    String cacheField,
    String clearMethod,
    String descriptor,
    List<String> parameterTypeNames,
    List<String> suppressedWarnings,
    boolean deprecated,
    boolean safeVarargs,
    boolean persisted,
    Optional<LifecycleHook> validateHook,
    Optional<LifecycleHook> onReleaseHook,
    Optional<Duration> refreshAfter,
    boolean async) {

  CachedMethodDescriptor withCacheField(String field) {
    return new CachedMethodDescriptor(
        kind,
        name,
        access,
        isStatic,
        typeVariables,
        parameters,
        varargs,
        returnType,
        thrown,
        immutableResult,
        immutableElements,
        ttl,
        maxEntries,
        field,
        clearMethod,
        descriptor,
        parameterTypeNames,
        suppressedWarnings,
        deprecated,
        safeVarargs,
        persisted,
        validateHook,
        onReleaseHook,
        refreshAfter,
        async);
  }

  /** Returns {@code name(Type, ...)}, as the generated Javadoc names the method. */
  String signature() {
    return name + "(" + String.join(", ", parameterTypeNames) + ")";
  }

  List<ParameterDescriptor> keyParameters() {
    return parameters.stream().filter(ParameterDescriptor::key).toList();
  }
}
