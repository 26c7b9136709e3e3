/**
 * The copy engine: deep copies of {@code @Memo} results, so callers never share mutable state with
 * the cache (cheap copies of known containers, Kryo for the rest, an iterative copy for deep
 * graphs). {@code ValueCopier} is its facade, with the exception it throws; everything else is
 * package-private. Not an API: these types may change in any release and must not be used
 * directly.
 */
package io.memocache.runtime.internal.copies;
