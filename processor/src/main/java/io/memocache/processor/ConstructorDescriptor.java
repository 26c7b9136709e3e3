package io.memocache.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * A non-private constructor of the source class, mirrored by the generated subclass.
 *
 * @param typeVariables the constructor's own type parameters
 * @param parameters its parameters
 * @param varargs whether the last parameter is varargs
 * @param thrown its throws clause
 * @param suppressedWarnings lint categories the mirrored signature needs suppressed
 */
record ConstructorDescriptor(
    List<TypeVariableName> typeVariables,
    List<ParameterDescriptor> parameters,
    boolean varargs,
    List<TypeName> thrown,
    List<String> suppressedWarnings) {}
