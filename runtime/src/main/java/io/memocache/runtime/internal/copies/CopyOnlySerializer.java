package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** A Kryo serializer that only copies in memory: memocache never serializes values to bytes. */
abstract class CopyOnlySerializer extends Serializer<Object> {
  @Override
  public final void write(Kryo kryo, Output output, Object object) {
    throw new UnsupportedOperationException("memocache copies in memory only");
  }

  @Override
  public final Object read(Kryo kryo, Input input, Class<?> ignored) {
    throw new UnsupportedOperationException("memocache copies in memory only");
  }
}
