/**
 * Pieces shared by memo store implementations (the disk store here, the Redis store in {@code
 * memocache-redis}): the signed entry format, the secret, counters and rate-limited logging. Not an
 * API: these types may change in any release and must not be used directly.
 */
package io.memocache.runtime.internal.store;
