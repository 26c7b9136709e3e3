package io.memocache.processor;

/** How generated code turns one key argument into part of the key, decided per declared type. */
enum KeyStrategy {
  /** Values with trustworthy equality (primitives, boxes, String, enums): go in as they are. */
  DIRECT,
  /** Anything else: snapshotted by content at run time (arrays, collections, records, objects). */
  CONTENT,
}
