package io.memocache.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what one annotated method must be on its own and describes it; class-level rules (shape,
 * clashes) are {@link CachedTypeValidator}'s.
 */
final class MethodValidator {
  private final ErrorReporter errors;
  private final TypeClassifier classifier;
  private final Types types;
  private final Elements elements;
  private final LifecycleValidator lifecycle;

  MethodValidator(
      ErrorReporter errors,
      TypeClassifier classifier,
      Types types,
      Elements elements,
      LifecycleValidator lifecycle) {
    this.errors = errors;
    this.classifier = classifier;
    this.types = types;
    this.elements = elements;
    this.lifecycle = lifecycle;
  }

  Optional<CachedMethodDescriptor> validate(
      ExecutableElement method, CacheKind kind, AnnotationMirror annotation) {
    int errorsBefore = errors.errorCount();
    String name = method.getSimpleName().toString();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      errors.error(
          method,
          "[MemoPrivate] %s method '%s' must not be private: make it package-private or wider",
          kind.display(),
          name);
    }
    if (modifiers.contains(Modifier.ABSTRACT)) {
      errors.error(
          method,
          "[MemoAbstract] %s method '%s' is abstract and has no result to cache: annotate the"
              + " method that implements it",
          kind.display(),
          name);
    }
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      errors.error(
          method,
          "[MemoVoid] %s method '%s' returns void, so there is nothing to cache: return the value,"
              + " or remove %s",
          kind.display(),
          name,
          kind.display());
    }
    Optional<Duration> ttl = validateTtl(method, kind, annotation);
    long maxEntries = validateMaxEntries(method, kind, annotation);
    List<ParameterDescriptor> parameters = describeParameters(method, kind);
    boolean persisted = kind == CacheKind.MEMO && isTrue(explicitValue(annotation, "persist"));
    Optional<TypeMirror> futureValue = futureValue(method.getReturnType());
    if (persisted) {
      validateStorable(method, futureValue);
    }
    Optional<LifecycleHook> validateHook =
        kind == CacheKind.SINGLETON ? lifecycle.validate(method, annotation) : Optional.empty();
    Optional<LifecycleHook> onReleaseHook =
        kind == CacheKind.SINGLETON ? lifecycle.onRelease(method, annotation) : Optional.empty();
    Optional<Duration> refreshAfter = validateRefreshAfter(method, kind, annotation, ttl);
    if (futureValue.isPresent() && refreshAfter.isPresent()) {
      errors.error(
          method,
          annotation,
          explicitValue(annotation, "refreshAfter"),
          "[MemoRefresh] refreshAfter is not supported on %s method '%s', which returns a future:"
              + " drop refreshAfter, or use ttl",
          kind.display(),
          name);
    }
    TypeMirror valueType = futureValue.orElse(method.getReturnType());
    if (futureValue.isPresent() && validateHook.isPresent()) {
      errors.error(
          method,
          annotation,
          explicitValue(annotation, "validate"),
          "[MemoLifecycle] validate is not supported on @Singleton method '%s', which returns a"
              + " future: drop validate, and fail the future instead (a failed future is removed)",
          name);
    }
    if (errors.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new CachedMethodDescriptor(
            kind,
            name,
            access(modifiers),
            modifiers.contains(Modifier.STATIC),
            method.getTypeParameters().stream().map(TypeVariableName::get).toList(),
            parameters,
            method.isVarArgs(),
            TypeName.get(method.getReturnType()),
            method.getThrownTypes().stream().map(TypeName::get).toList(),
            !kind.copiesValues() || classifier.isImmutable(valueType),
            classifier.hasImmutableElements(valueType),
            ttl,
            maxEntries,
            "",
            CachedTypeValidator.clearName(method),
            descriptor(method),
            parameterTypeNames(method),
            suppressedWarnings(method),
            elements.isDeprecated(method),
            method.getAnnotation(SafeVarargs.class) != null,
            persisted,
            validateHook,
            onReleaseHook,
            refreshAfter,
            futureValue.isPresent()));
  }

  /**
   * Returns {@code T} when the declared return type is {@code CompletableFuture<T>} or {@code
   * CompletionStage<T>} (SPEC 11: decided by the declared type), {@code Object} for a raw one.
   */
  private Optional<TypeMirror> futureValue(TypeMirror returnType) {
    if (returnType.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    javax.lang.model.type.DeclaredType declared = (javax.lang.model.type.DeclaredType) returnType;
    String name =
        ((javax.lang.model.element.TypeElement) declared.asElement()).getQualifiedName().toString();
    if (!name.equals("java.util.concurrent.CompletableFuture")
        && !name.equals("java.util.concurrent.CompletionStage")) {
      return Optional.empty();
    }
    if (declared.getTypeArguments().isEmpty()) {
      return Optional.of(elements.getTypeElement("java.lang.Object").asType());
    }
    TypeMirror argument = declared.getTypeArguments().get(0);
    if (argument instanceof WildcardType wildcard) {
      return Optional.of(
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : elements.getTypeElement("java.lang.Object").asType());
    }
    return Optional.of(argument);
  }

  /** Parses {@code refreshAfter} as {@code ttl} is parsed; it must be positive and below ttl. */
  private Optional<Duration> validateRefreshAfter(
      ExecutableElement method,
      CacheKind kind,
      AnnotationMirror annotation,
      Optional<Duration> ttl) {
    AnnotationValue value = explicitValue(annotation, "refreshAfter");
    if (value == null || !(value.getValue() instanceof String text) || text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> refreshAfter = Ttl.parse(text);
    if (refreshAfter.isEmpty() || refreshAfter.get().isNegative() || refreshAfter.get().isZero()) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoRefresh] refreshAfter \"%s\" of %s method '%s' is not a positive duration: write"
              + " an ISO-8601 duration (\"PT1M\") or shorthand such as \"30s\", \"10m\","
              + " \"1h30m\"",
          text,
          kind.display(),
          method.getSimpleName());
      return Optional.empty();
    }
    if (ttl.isPresent() && refreshAfter.get().compareTo(ttl.get()) >= 0) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoRefresh] refreshAfter \"%s\" of %s method '%s' is not shorter than its ttl, so"
              + " entries would expire before they are refreshed: make refreshAfter shorter than"
              + " the ttl, or drop one of them",
          text,
          kind.display(),
          method.getSimpleName());
      return Optional.empty();
    }
    return refreshAfter;
  }

  private static boolean isTrue(AnnotationValue value) {
    return value != null && Boolean.TRUE.equals(value.getValue());
  }

  /**
   * Reports the result and each key parameter of a {@code @Memo(persist = true)} method whose type
   * can never be stored. For a method returning a future, the store holds the value it completes
   * with, so that value's type is checked, not the future's. A key parameter already reported as
   * unhashable is not reported again.
   */
  private void validateStorable(ExecutableElement method, Optional<TypeMirror> futureValue) {
    String name = method.getSimpleName().toString();
    TypeMirror stored = futureValue.orElse(method.getReturnType());
    if (futureValue.isPresent() && classifier.isFuture(stored)) {
      // Its value is the inner future itself, not what that future completes with.
      errors.error(
          method,
          "[MemoUnpersistable] @Memo(persist = true) method '%s' returns a future of a future,"
              + " %s, whose value, a future, can never be stored: return %s, composing the inner"
              + " future with thenCompose",
          name,
          withoutPackages(TypeName.get(method.getReturnType()).toString()),
          flattened(method.getReturnType(), stored));
    } else {
      classifier
          .unstorableWithin(stored)
          .ifPresent(
              type ->
                  errors.error(
                      method,
                      "[MemoUnpersistable] the %s of @Memo(persist = true) method '%s' %s which"
                          + " can never be stored: drop persist = true, or return the data the %s"
                          + " stands for",
                      futureValue.isPresent() ? "future's value" : "result",
                      name,
                      unstorableDescription(stored, type),
                      simpleName(type)));
    }
    for (VariableElement parameter : method.getParameters()) {
      String parameterName = parameter.getSimpleName().toString();
      if (parameterName.startsWith("_")
          || classifier.unhashableSupertype(parameter.asType()).isPresent()) {
        continue;
      }
      classifier
          .unstorableWithin(parameter.asType())
          .ifPresent(
              type ->
                  errors.error(
                      parameter,
                      "[MemoUnpersistable] parameter '%s' of @Memo(persist = true) method '%s' %s"
                          + " which can never be stored: prefix the parameter name with '_' to"
                          + " leave it out of the key, or drop persist = true",
                      parameterName,
                      name,
                      unstorableDescription(parameter.asType(), type)));
    }
  }

  /**
   * The return type a method returning a future of a future means: the outer future's type of
   * the inner future's value ({@code CompletionStage<CompletableFuture<Row>>} gives {@code
   * CompletionStage<Row>}).
   */
  private String flattened(TypeMirror returnType, TypeMirror inner) {
    String outer = ((DeclaredType) returnType).asElement().getSimpleName().toString();
    List<? extends TypeMirror> arguments =
        inner.getKind() == TypeKind.DECLARED
            ? ((DeclaredType) inner).getTypeArguments()
            : List.of();
    if (arguments.size() != 1) {
      return outer + "<T>, T being the inner future's value";
    }
    TypeMirror value = arguments.get(0);
    if (value instanceof WildcardType wildcard) {
      value =
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : elements.getTypeElement("java.lang.Object").asType();
    }
    return outer + "<" + withoutPackages(TypeName.get(value).toString()) + ">";
  }

  /**
   * Describes how the declared type fails to be storable: "is a Thread", "is a Worker, a
   * java.lang.Thread," or "is a List<Thread>, holding a java.lang.Thread,".
   */
  private String unstorableDescription(TypeMirror declared, String offending) {
    String shown = withoutPackages(TypeName.get(declared).toString());
    if (classifier.unstorableItself(declared).isEmpty()) {
      return "is " + withArticle(shown) + ", holding " + withArticle(offending) + ",";
    }
    return shown.equals(simpleName(offending))
        ? "is " + withArticle(shown)
        : "is " + withArticle(shown) + ", " + withArticle(offending) + ",";
  }

  private static String withArticle(String noun) {
    return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  private List<ParameterDescriptor> describeParameters(ExecutableElement method, CacheKind kind) {
    List<ParameterDescriptor> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      boolean key = !name.startsWith("_");
      if (key) {
        classifier
            .unhashableSupertype(parameter.asType())
            .ifPresent(
                type ->
                    errors.error(
                        parameter,
                        "[MemoUnhashableParameter] parameter '%s' of %s method '%s' is a %s, which"
                            + " has no content to key by: prefix the parameter name with '_' to"
                            + " leave it out of the key",
                        name,
                        kind.display(),
                        method.getSimpleName(),
                        type));
      }
      parameters.add(
          new ParameterDescriptor(
              name,
              TypeName.get(parameter.asType()),
              key,
              classifier.keyStrategy(parameter.asType())));
    }
    return parameters;
  }

  private Optional<Duration> validateTtl(
      ExecutableElement method, CacheKind kind, AnnotationMirror annotation) {
    AnnotationValue value = explicitValue(annotation, "ttl");
    if (value == null || !(value.getValue() instanceof String text) || text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> ttl = Ttl.parse(text);
    if (ttl.isEmpty()) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoTtl] ttl \"%s\" of %s method '%s' is not a duration: write an ISO-8601 duration"
              + " (\"PT10M\") or shorthand such as \"500ms\", \"30s\", \"10m\", \"2h\", \"1d\","
              + " \"1h30m\"",
          text,
          kind.display(),
          method.getSimpleName());
    } else if (ttl.get().isNegative() || ttl.get().isZero()) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoTtl] ttl \"%s\" of %s method '%s' must be positive: give a longer duration, or"
              + " leave ttl out for no expiry",
          text,
          kind.display(),
          method.getSimpleName());
      return Optional.empty();
    }
    return ttl;
  }

  private long validateMaxEntries(
      ExecutableElement method, CacheKind kind, AnnotationMirror annotation) {
    AnnotationValue value = explicitValue(annotation, "maxEntries");
    if (value == null || !(value.getValue() instanceof Number number)) {
      return -1;
    }
    long maxEntries = number.longValue();
    if (maxEntries == 0 || maxEntries < -1) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoMaxEntries] maxEntries %d of %s method '%s' is not a bound: give a positive"
              + " number, or -1 (the default) for no bound",
          maxEntries,
          kind.display(),
          method.getSimpleName());
    }
    return maxEntries;
  }

  private static AnnotationValue explicitValue(AnnotationMirror annotation, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Set<Modifier> access(Set<Modifier> modifiers) {
    Set<Modifier> access = EnumSet.noneOf(Modifier.class);
    for (Modifier modifier : List.of(Modifier.PUBLIC, Modifier.PROTECTED)) {
      if (modifiers.contains(modifier)) {
        access.add(modifier);
      }
    }
    return access;
  }

  private List<String> suppressedWarnings(ExecutableElement method) {
    List<TypeMirror> mentioned = new ArrayList<>();
    mentioned.add(method.getReturnType());
    method.getParameters().forEach(parameter -> mentioned.add(parameter.asType()));
    mentioned.addAll(method.getThrownTypes());
    List<String> suppressed = new ArrayList<>();
    if (elements.isDeprecated(method)) {
      suppressed.add("deprecation");
    }
    if (mentioned.stream().anyMatch(classifier::mentionsRawType)) {
      suppressed.add("rawtypes");
    }
    if (!classifier.isReifiable(method.getReturnType()) || hasGenericVarargs(method)) {
      suppressed.add("unchecked");
    }
    if (hasGenericVarargs(method)) {
      // The cached version hands the varargs array on to the key and to the original method.
      suppressed.add("varargs");
    }
    return suppressed;
  }

  private boolean hasGenericVarargs(ExecutableElement method) {
    if (!method.isVarArgs()) {
      return false;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    TypeMirror last = parameters.get(parameters.size() - 1).asType();
    return !classifier.isReifiable(((ArrayType) last).getComponentType());
  }

  /**
   * Returns the parameter types as written but without packages ({@code Map<String, Integer>},
   * {@code String...}), readable in runtime messages and statistics.
   */
  static List<String> parameterTypeNames(ExecutableElement method) {
    List<String> names = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      String type = withoutPackages(TypeName.get(parameters.get(i).asType()).toString());
      if (method.isVarArgs() && i == parameters.size() - 1) {
        type = type.substring(0, type.length() - 2) + "...";
      }
      names.add(type);
    }
    return List.copyOf(names);
  }

  /**
   * Returns the JVM descriptor of the method's erasure, as its class file declares it: {@code
   * (Ljava/lang/Object;II)Ljava/util/List;}. The runtime finds the method's code by it.
   */
  private String descriptor(ExecutableElement method) {
    StringBuilder descriptor = new StringBuilder("(");
    for (VariableElement parameter : method.getParameters()) {
      appendDescriptor(descriptor, parameter.asType());
    }
    descriptor.append(')');
    appendDescriptor(descriptor, method.getReturnType());
    return descriptor.toString();
  }

  private void appendDescriptor(StringBuilder out, TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    switch (erased.getKind()) {
      case BOOLEAN -> out.append('Z');
      case BYTE -> out.append('B');
      case CHAR -> out.append('C');
      case SHORT -> out.append('S');
      case INT -> out.append('I');
      case LONG -> out.append('J');
      case FLOAT -> out.append('F');
      case DOUBLE -> out.append('D');
      case VOID -> out.append('V');
      case ARRAY -> {
        out.append('[');
        appendDescriptor(out, ((ArrayType) erased).getComponentType());
      }
      case DECLARED -> {
        TypeElement element = (TypeElement) ((DeclaredType) erased).asElement();
        out.append('L')
            .append(elements.getBinaryName(element).toString().replace('.', '/'))
            .append(';');
      }
      default ->
          throw new IllegalStateException("no descriptor for " + erased.getKind() + " " + type);
    }
  }

  /** Returns a type or signature with qualifying package and outer class names removed. */
  static String withoutPackages(String text) {
    return text.replaceAll("[\\w$]+\\.(?=[\\w$])", "");
  }
}
