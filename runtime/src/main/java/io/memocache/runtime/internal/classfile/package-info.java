/**
 * Class-file generation: per user class, a hidden class (written with ASM) that does by
 * straight-line code what would otherwise take reflection. {@code FieldCopyClasses} defines field
 * copiers for the copy engine ({@code FieldCopy} is the interface they implement); {@code
 * RecordSerializerClasses} defines Kryo serializers of records for stored values. Not an API: these
 * types may change in any release and must not be used directly.
 */
package io.memocache.runtime.internal.classfile;
