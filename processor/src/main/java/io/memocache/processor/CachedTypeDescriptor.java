package io.memocache.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A validated class with cached methods, and the {@code Foo_Cached} to generate for it.
 *
 * @param origin the source class, the generated file's only originating element
 * @param sourceClass the source class's name
 * @param generatedClass the name of the class to generate
 * @param typeVariables the source class's type parameters
 * @param shape the form of the generated class
 * @param isPublic whether the generated class is public (it is when the source class is)
 * @param serializable whether the source class is serializable (the subclass then is too)
 * @param constructors constructors the generated subclass mirrors
 * @param methods the annotated methods, in declaration order
 */
record CachedTypeDescriptor(
    TypeElement origin,
    ClassName sourceClass,
    ClassName generatedClass,
    List<TypeVariableName> typeVariables,
    Shape shape,
    boolean isPublic,
    boolean serializable,
    List<ConstructorDescriptor> constructors,
    List<CachedMethodDescriptor> methods) {}
