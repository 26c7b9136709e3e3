package io.memocache.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * A non-private constructor of the source class, mirrored by the generated subclass.
 *
 * @param annotations the constructor's annotations the mirror carries too ({@code @Inject} ...)
 * @param typeVariables the constructor's own type parameters
 * @param parameters its parameters
 * @param varargs whether the last parameter is varargs
 * @param thrown its throws clause
 * @param suppressedWarnings lint categories the mirrored signature needs suppressed
 */
record ConstructorDescriptor(
    List<AnnotationSpec> annotations,
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    boolean varargs,
    List<TypeName> thrown,
    List<String> suppressedWarnings) {

  /**
   * One parameter of a mirrored constructor.
   *
   * @param name the source name
   * @param type the declared type (for varargs, the array type)
   * @param annotations its annotations the mirror carries too ({@code @Value}, {@code @Named} ...)
   */
  record Parameter(String name, TypeName type, List<AnnotationSpec> annotations) {}
}
