/**
 * Persistence: pieces shared by memo store implementations (the disk store here, the Redis store
 * in {@code memocache-redis}): the signed entry format, the secret, counters and rate-limited
 * logging; and the encodings stores rely on: canonical key bytes ({@code CanonicalKeys}), stored
 * value bytes ({@code StoredValues}) and a method's fingerprint ({@code MethodFingerprint}). Not an
 * API: these types may change in any release and must not be used directly.
 */
package io.memocache.runtime.internal.store;
