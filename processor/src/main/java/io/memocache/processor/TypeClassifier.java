package io.memocache.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/*
 * Design note: the type facts here are the compile-time half of facts the runtime also holds
 * (runtime internal OpaqueTypes and ImmutableTypes). The processor never loads runtime classes, so
 * each side keeps its list; TypeFactsAgreementTest (processor tests, runtime at test scope) proves
 * they agree, entry for entry, so a type cannot compile here and then fail at run time.
 */

/** Decides from declared types what can be known at compile time about keys and values. */
final class TypeClassifier {
  /**
   * Types that are handles on the running process, never data: an argument of such a type cannot
   * be keyed by content. The same list as the runtime's opaque types.
   */
  static final List<String> UNHASHABLE =
      List.of(
          "java.lang.Thread",
          "java.lang.ThreadGroup",
          "java.lang.ClassLoader",
          "java.lang.Process",
          "java.lang.ref.Reference",
          "java.io.InputStream",
          "java.io.OutputStream",
          "java.io.Reader",
          "java.io.Writer",
          "java.io.RandomAccessFile",
          "java.net.Socket",
          "java.net.ServerSocket",
          "java.net.DatagramSocket",
          "java.nio.channels.Channel",
          "java.util.Iterator",
          "java.util.Spliterator",
          "java.util.concurrent.Executor",
          "java.util.concurrent.Future",
          "java.util.concurrent.locks.Lock",
          "java.util.concurrent.locks.ReadWriteLock",
          "java.util.concurrent.locks.Condition",
          "java.util.stream.BaseStream",
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.ResultSet",
          "javax.sql.DataSource");

  private static final String FUTURE = "java.util.concurrent.Future";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  /** Final JDK types with value equality, immutable: keyed as they are and never copied. */
  private static final Set<String> DIRECT_KEYS =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.util.UUID",
          "java.time.Duration",
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.MonthDay",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.Period",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.ZonedDateTime",
          "java.time.ZoneOffset");

  /**
   * Further JDK types whose values never change, so results need no copy; the runtime's value
   * classes. Not keyed directly: {@code Class} must not hold its loader in a key, {@code Pattern}
   * has identity equality. {@code BigDecimal} and {@code BigInteger} are not final, but SPEC 5
   * promises them uncopied by declared type.
   */
  static final Set<String> IMMUTABLE_VALUES =
      Set.of(
          "java.lang.Void",
          "java.lang.Class",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble",
          "java.util.Locale",
          "java.net.URI",
          "java.util.regex.Pattern");

  /**
   * Returns whether the JDK type is immutable by name: the lists above, and every class (not
   * interface) of {@code java.time} and its subpackages, as the runtime decides.
   */
  static boolean isImmutableJdkType(String qualifiedName, boolean isInterface) {
    if (DIRECT_KEYS.contains(qualifiedName) || IMMUTABLE_VALUES.contains(qualifiedName)) {
      return true;
    }
    return qualifiedName.startsWith("java.time.") && !isInterface;
  }

  private final Types types;
  private final Elements elements;

  TypeClassifier(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  KeyStrategy keyStrategy(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return KeyStrategy.DIRECT;
    }
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      if (element.getKind() == ElementKind.ENUM
          || DIRECT_KEYS.contains(element.getQualifiedName().toString())) {
        return KeyStrategy.DIRECT;
      }
    }
    return KeyStrategy.CONTENT;
  }

  /** Returns the unhashable JDK type the declared type is, if it is one. */
  Optional<String> unhashableSupertype(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED && type.getKind() != TypeKind.TYPEVAR) {
      return Optional.empty();
    }
    TypeMirror erased = types.erasure(type);
    for (String name : UNHASHABLE) {
      TypeElement candidate = elements.getTypeElement(name);
      if (candidate != null && types.isAssignable(erased, types.erasure(candidate.asType()))) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the type within the declared type that can never be stored in a memo store, if there
   * is one: the type itself, an array's component, a type argument (or wildcard bound) or a
   * record's component, at any depth, that is a handle on the process ({@link
   * #unhashableSupertype}: threads, streams, sockets, connections, locks, ...), a {@code Future}
   * or {@code CompletionStage}, or a functional interface (its values are lambdas).
   *
   * <p>A method returning {@code CompletableFuture<T>} or {@code CompletionStage<T>} is stored by
   * its completed value, so its caller passes {@code T}; a future within {@code T} is a handle on
   * a computation of this process like any other, and can never be stored.
   */
  Optional<String> unstorableWithin(TypeMirror type) {
    return unstorableWithin(type, new HashSet<>());
  }

  private Optional<String> unstorableWithin(TypeMirror type, Set<Element> recordsSeen) {
    switch (type.getKind()) {
      case ARRAY:
        return unstorableWithin(((ArrayType) type).getComponentType(), recordsSeen);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return wildcard.getExtendsBound() != null
            ? unstorableWithin(wildcard.getExtendsBound(), recordsSeen)
            : Optional.empty();
      case TYPEVAR:
        return unstorableItself(type);
      case DECLARED:
        break;
      default:
        return Optional.empty();
    }
    Optional<String> itself = unstorableItself(type);
    if (itself.isPresent()) {
      return itself;
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    for (TypeMirror argument : declared.getTypeArguments()) {
      Optional<String> inside = unstorableWithin(argument, recordsSeen);
      if (inside.isPresent()) {
        return inside;
      }
    }
    if (element.getKind() == ElementKind.RECORD && recordsSeen.add(element)) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        TypeMirror componentType =
            ((ExecutableType) types.asMemberOf(declared, component.getAccessor())).getReturnType();
        Optional<String> inside = unstorableWithin(componentType, recordsSeen);
        if (inside.isPresent()) {
          return inside;
        }
      }
    }
    return Optional.empty();
  }

  /** Returns whether the type is a {@code Future} or a {@code CompletionStage}, of any kind. */
  boolean isFuture(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && (isSubtypeOf(type, FUTURE) || isSubtypeOf(type, COMPLETION_STAGE));
  }

  /**
   * Returns the kind of process handle the declared type itself is (not looking inside it), if it
   * is one that can never be stored.
   */
  Optional<String> unstorableItself(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR) {
      return unhashableSupertype(type);
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    Optional<String> handle = unhashableSupertype(type);
    if (handle.isPresent()) {
      return handle;
    }
    if (isSubtypeOf(type, FUTURE)) {
      return Optional.of(FUTURE);
    }
    if (isSubtypeOf(type, COMPLETION_STAGE)) {
      return Optional.of(COMPLETION_STAGE);
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.getKind() == ElementKind.INTERFACE
        && element.getAnnotation(FunctionalInterface.class) != null) {
      return Optional.of(element.getQualifiedName().toString());
    }
    return Optional.empty();
  }

  private boolean isSubtypeOf(TypeMirror type, String name) {
    TypeElement candidate = elements.getTypeElement(name);
    return candidate != null
        && types.isAssignable(types.erasure(type), types.erasure(candidate.asType()));
  }

  /** Returns whether every value of the declared type is immutable, so results need no copy. */
  boolean isImmutable(TypeMirror type) {
    return isImmutable(type, new HashSet<>());
  }

  /**
   * A class met again while it is being judged (it refers to itself through its fields or
   * components) counts as mutable, as the runtime decides for records: that only costs a copy.
   */
  private boolean isImmutable(TypeMirror type, Set<Element> recordsInProgress) {
    if (type.getKind().isPrimitive()) {
      return true;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    if (element.getKind() == ElementKind.ENUM
        || isImmutableJdkType(name, element.getKind().isInterface())) {
      return true;
    }
    if (element.getKind() == ElementKind.CLASS
        && element.getModifiers().contains(Modifier.FINAL)
        && recordsInProgress.add(element)) {
      return hasOnlyFinalImmutableFields((DeclaredType) type, recordsInProgress);
    }
    if (element.getKind() == ElementKind.RECORD && recordsInProgress.add(element)) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        TypeMirror componentType =
            ((ExecutableType) types.asMemberOf((DeclaredType) type, component.getAccessor()))
                .getReturnType();
        if (!isImmutable(componentType, recordsInProgress)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Returns whether every instance field of the class and of its superclasses is final and of an
   * immutable type: then the class, being final, is a value like a record (Lombok's {@code @Value},
   * hand-written value classes). Field types are taken as members of the given type, so
   * {@code Holder<String>} is judged with {@code String} where the class says {@code T}.
   */
  private boolean hasOnlyFinalImmutableFields(DeclaredType type, Set<Element> inProgress) {
    for (TypeMirror current = type;
        current.getKind() == TypeKind.DECLARED;
        current = ((TypeElement) ((DeclaredType) current).asElement()).getSuperclass()) {
      TypeElement declaring = (TypeElement) ((DeclaredType) current).asElement();
      for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
        if (field.getModifiers().contains(Modifier.STATIC)) {
          continue;
        }
        if (!field.getModifiers().contains(Modifier.FINAL)
            || !isImmutable(types.asMemberOf(type, field), inProgress)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Returns whether the type is a collection or map whose type arguments are all final immutable
   * types ({@code List<Row>} for an immutable record {@code Row}, {@code Map<String, Integer>}):
   * then no element can be mutable, and a copy needs only a new container.
   */
  boolean hasImmutableElements(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) type;
    if (declared.getTypeArguments().isEmpty() || !isCollectionOrMap(type)) {
      return false;
    }
    for (TypeMirror argument : declared.getTypeArguments()) {
      if (argument.getKind() != TypeKind.DECLARED
          || !((DeclaredType) argument).asElement().getModifiers().contains(Modifier.FINAL)
          || !isImmutable(argument)) {
        return false;
      }
    }
    return true;
  }

  private boolean isCollectionOrMap(TypeMirror type) {
    for (String name : List.of("java.util.Collection", "java.util.Map")) {
      TypeElement container = elements.getTypeElement(name);
      if (container != null
          && types.isAssignable(types.erasure(type), types.erasure(container.asType()))) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a cast to the type is checked at run time (no type arguments or variables). */
  boolean isReifiable(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return isReifiable(((ArrayType) type).getComponentType());
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (argument.getKind() != TypeKind.WILDCARD
              || ((WildcardType) argument).getExtendsBound() != null
              || ((WildcardType) argument).getSuperBound() != null) {
            return false;
          }
        }
        TypeMirror enclosing = ((DeclaredType) type).getEnclosingType();
        return enclosing.getKind() != TypeKind.DECLARED
            || ((DeclaredType) type).asElement().getModifiers().contains(Modifier.STATIC)
            || isReifiable(enclosing);
      case TYPEVAR:
        return false;
      default:
        return true;
    }
  }

  /** Returns whether the type or any type inside it is a raw use of a generic type. */
  boolean mentionsRawType(TypeMirror type) {
    return anyTypeWithin(
        type,
        t ->
            t.getKind() == TypeKind.DECLARED
                && ((DeclaredType) t).getTypeArguments().isEmpty()
                && !((TypeElement) ((DeclaredType) t).asElement()).getTypeParameters().isEmpty());
  }

  /** Returns whether the type or any type inside it could not be resolved (yet). */
  boolean mentionsErrorType(TypeMirror type) {
    return anyTypeWithin(type, t -> t.getKind() == TypeKind.ERROR);
  }

  /** Tests the type and every type inside it: array components, type arguments, bounds. */
  private static boolean anyTypeWithin(TypeMirror type, Predicate<TypeMirror> test) {
    if (test.test(type)) {
      return true;
    }
    switch (type.getKind()) {
      case ARRAY:
        return anyTypeWithin(((ArrayType) type).getComponentType(), test);
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (anyTypeWithin(argument, test)) {
            return true;
          }
        }
        return false;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null
                && anyTypeWithin(wildcard.getExtendsBound(), test))
            || (wildcard.getSuperBound() != null && anyTypeWithin(wildcard.getSuperBound(), test));
      default:
        return false;
    }
  }
}
