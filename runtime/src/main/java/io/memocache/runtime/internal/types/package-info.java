/**
 * Type facts the runtime's engines share, each decided in one place: which classes are immutable
 * (their values need no copy) and which are opaque handles on the running process (never keyed or
 * stored). The processor holds the same facts; a test proves they agree. Not an API: these types
 * may change in any release and must not be used directly.
 */
package io.memocache.runtime.internal.types;
