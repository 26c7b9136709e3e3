/**
 * The content-key engine: turns an argument into a snapshot whose equality, hash and order are by
 * content, so a later call with equal content finds the cached result. {@code ContentKeys} is its
 * facade, with the two exceptions it throws; everything else is package-private. Not an API: these
 * types may change in any release and must not be used directly.
 */
package io.memocache.runtime.internal.keys;
