/**
 * Class-file generation: per user class, a hidden class (written with ASM) that copies its fields
 * like hand-written code, for the copy engine. {@code FieldCopyClasses} is its facade and {@code
 * FieldCopy} the interface the generated classes implement. Not an API: these types may change in
 * any release and must not be used directly.
 */
package io.memocache.runtime.internal.classfile;
