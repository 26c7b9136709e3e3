package io.memocache.processor;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of a cached method or mirrored constructor.
 *
 * @param name the source name
 * @param type the declared type (for varargs, the array type)
 * @param key whether the parameter is part of the key (its name does not start with {@code _})
 * @param keyStrategy how a key parameter goes into the key
 */
record ParameterDescriptor(String name, TypeName type, boolean key, KeyStrategy keyStrategy) {}
