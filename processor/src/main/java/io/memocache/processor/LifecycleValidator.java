package io.memocache.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the {@code validate} and {@code onRelease} attributes of a {@code @Singleton} (SPEC 12):
 * each names a non-private method of the same class (declared or inherited) taking one parameter
 * that accepts the cached method's return type, and returning {@code boolean} or {@code void}.
 */
final class LifecycleValidator {
  private final ErrorReporter errors;
  private final Elements elements;
  private final Types types;

  LifecycleValidator(ErrorReporter errors, Elements elements, Types types) {
    this.errors = errors;
    this.elements = elements;
    this.types = types;
  }

  /** Returns the {@code validate} method, if one is named and it is right; reports it otherwise. */
  Optional<LifecycleHook> validate(ExecutableElement method, AnnotationMirror annotation) {
    return hook(method, annotation, "validate", TypeKind.BOOLEAN);
  }

  /** Returns the {@code onRelease} method, if one is named and it is right; reports it otherwise. */
  Optional<LifecycleHook> onRelease(ExecutableElement method, AnnotationMirror annotation) {
    return hook(method, annotation, "onRelease", TypeKind.VOID);
  }

  private Optional<LifecycleHook> hook(
      ExecutableElement method, AnnotationMirror annotation, String attribute, TypeKind returns) {
    AnnotationValue value = explicitValue(annotation, attribute);
    if (value == null || !(value.getValue() instanceof String name) || name.isEmpty()) {
      return Optional.empty();
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    TypeMirror valueType = method.getReturnType();
    String cached = method.getSimpleName().toString();
    String shape =
        (returns == TypeKind.BOOLEAN ? "boolean " : "void ")
            + name
            + "("
            + simple(valueType)
            + " value)";
    List<ExecutableElement> named =
        ElementFilter.methodsIn(elements.getAllMembers(owner)).stream()
            .filter(candidate -> candidate.getSimpleName().contentEquals(name))
            .toList();
    if (named.isEmpty()) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of @Singleton method '%s' does not exist in %s: declare"
              + " %s in %s, or correct the name",
          attribute,
          name,
          cached,
          owner.getSimpleName(),
          shape,
          owner.getSimpleName());
      return Optional.empty();
    }
    List<ExecutableElement> accepting =
        named.stream()
            .filter(candidate -> candidate.getParameters().size() == 1)
            .filter(
                candidate ->
                    types.isAssignable(valueType, candidate.getParameters().get(0).asType()))
            .toList();
    if (accepting.isEmpty()) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of @Singleton method '%s' must take one parameter that"
              + " accepts %s's result, a %s: declare it as %s",
          attribute,
          name,
          cached,
          cached,
          simple(valueType),
          shape);
      return Optional.empty();
    }
    if (accepting.size() > 1) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of @Singleton method '%s' is ambiguous: %d overloads"
              + " accept a %s; give the one to use a name of its own",
          attribute,
          name,
          cached,
          accepting.size(),
          simple(valueType));
      return Optional.empty();
    }
    ExecutableElement hook = accepting.get(0);
    int errorsBefore = errors.errorCount();
    if (hook.getModifiers().contains(Modifier.PRIVATE)) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of @Singleton method '%s' must not be private: make it"
              + " package-private or wider",
          attribute,
          name,
          cached);
    }
    if (hook.getReturnType().getKind() != returns) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of @Singleton method '%s' must return %s, not %s:"
              + " declare it as %s",
          attribute,
          name,
          cached,
          returns == TypeKind.BOOLEAN ? "boolean" : "void",
          simple(hook.getReturnType()),
          shape);
    }
    boolean isStatic = hook.getModifiers().contains(Modifier.STATIC);
    if (method.getModifiers().contains(Modifier.STATIC) && !isStatic) {
      errors.error(
          method,
          annotation,
          value,
          "[MemoLifecycle] %s method '%s' of static @Singleton method '%s' has no instance to run"
              + " on: make '%s' static",
          attribute,
          name,
          cached,
          name);
    }
    if (returns == TypeKind.BOOLEAN) {
      // validate is called inside the cached method, so what it throws must be allowed there.
      for (TypeMirror thrown : hook.getThrownTypes()) {
        if (isChecked(thrown)
            && method.getThrownTypes().stream().noneMatch(t -> types.isSubtype(thrown, t))) {
          errors.error(
              method,
              annotation,
              value,
              "[MemoLifecycle] validate method '%s' of @Singleton method '%s' throws %s, which"
                  + " '%s' does not declare: catch it in '%s', or declare it on '%s'",
              name,
              cached,
              simple(thrown),
              cached,
              name,
              cached);
        }
      }
    }
    if (errors.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    TypeMirror erased = types.erasure(valueType);
    boolean unchecked =
        !types.isSameType(erased, valueType) || !owner.getTypeParameters().isEmpty();
    return Optional.of(new LifecycleHook(name, isStatic, TypeName.get(erased), unchecked));
  }

  private boolean isChecked(TypeMirror thrown) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return !types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error);
  }

  private static String simple(TypeMirror type) {
    return MethodValidator.withoutPackages(TypeName.get(type).toString());
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
}
