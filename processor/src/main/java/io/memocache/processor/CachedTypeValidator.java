package io.memocache.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns a class with annotated methods into a {@link CachedTypeDescriptor}, or reports every problem
 * it finds and returns empty.
 */
final class CachedTypeValidator {
  static final String SUFFIX = "_Cached";

  private final ErrorReporter errors;
  private final Types types;
  private final Elements elements;
  private final TypeClassifier classifier;
  private final MethodValidator methodValidator;

  CachedTypeValidator(ErrorReporter errors, Types types, Elements elements) {
    this.errors = errors;
    this.types = types;
    this.elements = elements;
    this.classifier = new TypeClassifier(types, elements);
    this.methodValidator =
        new MethodValidator(
            errors, classifier, types, elements, new LifecycleValidator(errors, elements, types));
  }

  /** Returns whether some annotated method's signature mentions a type not generated yet. */
  boolean needsLaterRound(List<AnnotatedMethod> annotated) {
    for (AnnotatedMethod each : annotated) {
      ExecutableElement method = each.method();
      List<TypeMirror> mentioned = new ArrayList<>(method.getThrownTypes());
      mentioned.add(method.getReturnType());
      method.getParameters().forEach(parameter -> mentioned.add(parameter.asType()));
      if (mentioned.stream().anyMatch(classifier::mentionsErrorType)) {
        return true;
      }
    }
    return false;
  }

  Optional<CachedTypeDescriptor> validate(
      TypeElement type, List<AnnotatedMethod> annotated, Set<String> sourceTypeNames) {
    int errorsBefore = errors.errorCount();
    if (!validateEnclosing(type, annotated)) {
      return Optional.empty();
    }
    List<CachedMethodDescriptor> methods = new ArrayList<>();
    for (AnnotatedMethod each : annotated) {
      methodValidator
          .validate(each.method(), each.kind(), each.annotation())
          .ifPresent(methods::add);
    }
    Shape shape = shape(type, annotated);
    if (shape.extendsSource()) {
      annotated.forEach(each -> checkOverridable(each));
    }
    ClassName sourceClass = ClassName.get(type);
    ClassName generatedClass = generatedClassName(type);
    if (sourceTypeNames.contains(generatedClass.canonicalName())) {
      errors.error(
          type,
          "[MemoCachedTypeExists] class %s is generated for '%s', but a type of that name already"
              + " exists: rename that type",
          generatedClass.simpleName(),
          type.getSimpleName());
    }
    checkClearClashes(type, annotated, shape);
    if (errors.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new CachedTypeDescriptor(
            type,
            sourceClass,
            generatedClass,
            type.getTypeParameters().stream().map(TypeVariableName::get).toList(),
            shape,
            type.getModifiers().contains(Modifier.PUBLIC),
            isSerializable(type),
            shape.extendsSource() ? constructors(type) : List.of(),
            withCacheFields(methods)));
  }

  /** {@code com.acme.Foo_Cached} for {@code com.acme.Foo}, {@code Outer_Inner_Cached} if nested. */
  static ClassName generatedClassName(TypeElement type) {
    ClassName source = ClassName.get(type);
    return ClassName.get(source.packageName(), String.join("_", source.simpleNames()) + SUFFIX);
  }

  /** Reports annotated methods in types that no generated class can reach. */
  private boolean validateEnclosing(TypeElement type, List<AnnotatedMethod> annotated) {
    String problem = null;
    if (type.getKind().isInterface()) {
      problem =
          "[MemoInterface] %s method '%s' is declared in interface '%s', which has no"
              + " implementation to cache: annotate the method in a class that implements it";
    } else if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      problem =
          "[MemoLocalClass] %s method '%s' is in local or anonymous class '%s', which generated code"
              + " cannot name: move the method into a top-level or static nested class";
    } else {
      for (Element e = type; e instanceof TypeElement nested; e = e.getEnclosingElement()) {
        if (nested.getNestingKind() == NestingKind.MEMBER
            && !nested.getModifiers().contains(Modifier.STATIC)
            && !nested.getKind().isInterface()
            && nested.getKind() != ElementKind.ENUM
            && nested.getKind() != ElementKind.RECORD) {
          problem =
              "[MemoInnerClass] %s method '%s' is in inner class '%s', which needs an enclosing"
                  + " instance: make the class static";
          type = nested;
          break;
        }
        if (nested.getModifiers().contains(Modifier.PRIVATE)) {
          problem =
              "[MemoPrivateClass] %s method '%s' is in private class '%s', which generated code"
                  + " cannot reach: make the class package-private or wider";
          type = nested;
          break;
        }
      }
    }
    if (problem == null) {
      return true;
    }
    for (AnnotatedMethod each : annotated) {
      errors.error(
          each.method(),
          problem,
          each.kind().display(),
          each.method().getSimpleName(),
          type.getSimpleName());
    }
    return false;
  }

  private Shape shape(TypeElement type, List<AnnotatedMethod> annotated) {
    boolean hasInstanceMethods =
        annotated.stream().anyMatch(each -> !each.method().getModifiers().contains(Modifier.STATIC));
    if (!hasInstanceMethods) {
      return Shape.STATIC_ONLY;
    }
    boolean extendable =
        !type.getModifiers().contains(Modifier.FINAL)
            && type.getKind() == ElementKind.CLASS
            && ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(constructor -> !constructor.getModifiers().contains(Modifier.PRIVATE));
    if (!extendable) {
      return Shape.DELEGATE;
    }
    return type.getModifiers().contains(Modifier.ABSTRACT)
        ? Shape.ABSTRACT_SUBCLASS
        : Shape.SUBCLASS;
  }

  private void checkOverridable(AnnotatedMethod each) {
    ExecutableElement method = each.method();
    if (!method.getModifiers().contains(Modifier.FINAL)) {
      return;
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      errors.error(
          method,
          "[MemoFinal] %s method '%s' is static final, so %s cannot declare its cached version:"
              + " remove 'final'",
          each.kind().display(),
          method.getSimpleName(),
          method.getEnclosingElement().getSimpleName() + SUFFIX);
    } else {
      errors.error(
          method,
          "[MemoFinal] %s method '%s' must not be final: %s overrides it to cache calls; remove"
              + " 'final'",
          each.kind().display(),
          method.getSimpleName(),
          method.getEnclosingElement().getSimpleName() + SUFFIX);
    }
  }

  /**
   * Reports generated clear methods whose signature another method of the generated class already
   * has: another generated clear method, {@code clearAll()}, or a method of the source class.
   */
  private void checkClearClashes(TypeElement type, List<AnnotatedMethod> annotated, Shape shape) {
    Map<String, String> takenBy = new HashMap<>();
    List<ExecutableElement> members =
        shape.extendsSource()
            ? ElementFilter.methodsIn(elements.getAllMembers(type))
            : annotated.stream().map(AnnotatedMethod::method).toList();
    for (ExecutableElement member : members) {
      String signature = erasedSignature(member);
      takenBy.putIfAbsent(
          signature,
          "method " + member.getSimpleName() + " of '"
              + member.getEnclosingElement().getSimpleName() + "'");
      if (signature.equals("clearAll()")) {
        errors.error(
            member.getEnclosingElement().equals(type) ? member : type,
            "[MemoClearClash] %s generates clearAll(), which clashes with method clearAll() of"
                + " '%s': rename that method",
            type.getSimpleName() + SUFFIX,
            member.getEnclosingElement().getSimpleName());
      }
    }
    takenBy.put("clearAll()", "the generated clearAll()");
    for (AnnotatedMethod each : annotated) {
      ExecutableElement method = each.method();
      String clear = clearName(method);
      String owner = "the clear method generated for '" + method.getSimpleName() + "'";
      String clearEveryEntry = clear + "()";
      if (!owner.equals(takenBy.get(clearEveryEntry))) {
        reportIfTaken(takenBy, clearEveryEntry, owner, each);
      }
      List<TypeMirror> keyTypes =
          method.getParameters().stream()
              .filter(parameter -> !parameter.getSimpleName().toString().startsWith("_"))
              .map(VariableElement::asType)
              .toList();
      if (!keyTypes.isEmpty()) {
        reportIfTaken(takenBy, clear + erasedParameters(keyTypes), owner, each);
      }
    }
  }

  private void reportIfTaken(
      Map<String, String> takenBy, String signature, String owner, AnnotatedMethod each) {
    String holder = takenBy.putIfAbsent(signature, owner);
    if (holder == null) {
      return;
    }
    errors.error(
        each.method(),
        "[MemoClearClash] %s method '%s' needs a generated %s, which clashes with %s: rename one"
            + " of the methods",
        each.kind().display(),
        each.method().getSimpleName(),
        MethodValidator.withoutPackages(signature),
        holder);
  }

  static String clearName(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    return "clear" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private String erasedSignature(ExecutableElement method) {
    return method.getSimpleName()
        + erasedParameters(method.getParameters().stream().map(VariableElement::asType).toList());
  }

  private String erasedParameters(List<TypeMirror> parameterTypes) {
    return parameterTypes.stream()
        .map(parameter -> types.erasure(parameter).toString())
        .collect(Collectors.joining(",", "(", ")"));
  }

  private boolean isSerializable(TypeElement type) {
    TypeElement serializable = elements.getTypeElement("java.io.Serializable");
    return serializable != null
        && types.isAssignable(types.erasure(type.asType()), serializable.asType());
  }

  private List<ConstructorDescriptor> constructors(TypeElement type) {
    List<ConstructorDescriptor> constructors = new ArrayList<>();
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<ConstructorDescriptor.Parameter> parameters =
          constructor.getParameters().stream()
              .map(
                  parameter ->
                      new ConstructorDescriptor.Parameter(
                          parameter.getSimpleName().toString(),
                          TypeName.get(parameter.asType()),
                          copiedAnnotations(parameter, type)))
              .toList();
      List<TypeMirror> mentioned = new ArrayList<>(constructor.getThrownTypes());
      constructor.getParameters().forEach(parameter -> mentioned.add(parameter.asType()));
      List<String> suppressed = new ArrayList<>();
      if (elements.isDeprecated(constructor)) {
        suppressed.add("deprecation");
      }
      if (mentioned.stream().anyMatch(classifier::mentionsRawType)) {
        suppressed.add("rawtypes");
      }
      if (constructor.isVarArgs()
          && !classifier.isReifiable(
              ((ArrayType) mentioned.get(mentioned.size() - 1)).getComponentType())) {
        suppressed.add("unchecked");
      }
      constructors.add(
          new ConstructorDescriptor(
              copiedAnnotations(constructor, type),
              constructor.getTypeParameters().stream().map(TypeVariableName::get).toList(),
              parameters,
              constructor.isVarArgs(),
              constructor.getThrownTypes().stream().map(TypeName::get).toList(),
              suppressed));
    }
    return constructors;
  }

  /**
   * Returns the annotations of a constructor or constructor parameter that its mirror in the
   * generated subclass carries too, so dependency injection (Spring's {@code @Value} and
   * {@code @Autowired}, Jakarta's {@code @Inject} and {@code @Named}) sees what it saw on the
   * source class. An annotation is copied when the generated class can name its type and it is
   * kept past the source: a {@code SOURCE} annotation was an instruction to a tool reading the
   * source class and has been acted on there. {@code java.lang} annotations ({@code @Deprecated},
   * {@code @SafeVarargs}, {@code @SuppressWarnings}) describe the source declaration; the writer
   * decides those for the mirror itself. The targets need no check: the element already carries
   * the annotation, and its mirror is the same kind of element.
   */
  private List<AnnotationSpec> copiedAnnotations(Element element, TypeElement type) {
    PackageElement generatedPackage = elements.getPackageOf(type);
    List<AnnotationSpec> copied = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (elements.getPackageOf(annotation).getQualifiedName().contentEquals("java.lang")
          || retention(annotation) == RetentionPolicy.SOURCE
          || !isAccessibleFrom(annotation, generatedPackage)) {
        continue;
      }
      copied.add(AnnotationSpec.get(mirror));
    }
    return copied;
  }

  private static RetentionPolicy retention(TypeElement annotation) {
    Retention retention = annotation.getAnnotation(Retention.class);
    return retention == null ? RetentionPolicy.CLASS : retention.value();
  }

  /** Whether code in the package can name the type: every enclosing type is reachable. */
  private boolean isAccessibleFrom(TypeElement type, PackageElement from) {
    boolean samePackage = elements.getPackageOf(type).equals(from);
    for (Element e = type; e instanceof TypeElement each; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = each.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)
          || each.getNestingKind() == NestingKind.LOCAL
          || each.getNestingKind() == NestingKind.ANONYMOUS
          || (!modifiers.contains(Modifier.PUBLIC) && !samePackage)) {
        return false;
      }
    }
    return true;
  }

  /** Names each method's cache field after the method, numbering overloads in order. */
  private static List<CachedMethodDescriptor> withCacheFields(List<CachedMethodDescriptor> methods) {
    Map<String, Long> overloads =
        methods.stream()
            .collect(Collectors.groupingBy(CachedMethodDescriptor::name, Collectors.counting()));
    Map<String, Integer> seen = new HashMap<>();
    Set<String> used = new HashSet<>();
    List<CachedMethodDescriptor> named = new ArrayList<>();
    for (CachedMethodDescriptor method : methods) {
      String field = constantName(method.name());
      if (overloads.get(method.name()) > 1) {
        field += "_" + seen.merge(method.name(), 1, Integer::sum);
      }
      String unique = field + "_CACHE";
      for (int n = 2; !used.add(unique); n++) {
        unique = field + "_CACHE_" + n;
      }
      named.add(method.withCacheField(unique));
    }
    return named;
  }

  private static String constantName(String camelCase) {
    return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
