package io.memocache.runtime.internal.keys;

/**
 * The key of an immutable record argument: the record itself, which is its own content, made
 * Comparable (through {@link KeyOrder}, component by component) so that records whose hash codes
 * collide still share a tree bin in O(log n). Equality and hash are the record's own; equals stays
 * small and hands the record, never this key, onward, so a lookup's key need not be allocated (see
 * the design note in {@link io.memocache.runtime.internal.Keys}).
 */
final class RecordKey implements Comparable<RecordKey> {
  final Record record;

  RecordKey(Record record) {
    this.record = record;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordKey other && other.matches(record);
  }

  private boolean matches(Record other) {
    return other == record || other.equals(record);
  }

  @Override
  public int hashCode() {
    return record.hashCode();
  }

  @Override
  public int compareTo(RecordKey other) {
    return KeyOrder.compare(record, other.record);
  }

  @Override
  public String toString() {
    return record.toString();
  }
}
