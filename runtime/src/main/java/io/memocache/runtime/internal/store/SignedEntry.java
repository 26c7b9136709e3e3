package io.memocache.runtime.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/*
 * Design note.
 *
 * One format for every store, so the authenticity rules are written and tested once:
 *
 *   magic "MEMO" | version (1 byte) | expiry (8, epoch millis, 0 = never)
 *   | method id length (4) | method id (UTF-8) | key length (4) | key | value length (4) | value
 *   | HMAC-SHA256 over everything before it (32)
 *
 * The method id and the whole key travel inside the signed bytes and are compared on open, so a
 * store may file entries under digests of them (a file name, a Redis key) without trusting those
 * digests: an entry found under a colliding digest, crafted or not, is rejected, never returned
 * for the wrong key. The expiry is signed too, so it cannot be extended by editing the bytes.
 *
 * open() checks the length fields against the actual length before reading anything, then the
 * MAC (constant-time compare), and only then looks at method id, key and expiry; the value is
 * copied out only when all of them hold. Nothing reaches a deserializer unauthenticated.
 *
 * A Mac is not thread-safe and Mac.getInstance costs a provider lookup, so each Signer keeps an
 * initialized prototype and clones it per operation (a few hundred nanoseconds, nothing next to
 * the I/O around it); providers that cannot clone fall back to a fresh instance.
 */

/**
 * The signed entry format shared by memo stores: encodes an entry with its HMAC-SHA256 and opens
 * one only after verifying it. Not an API.
 */
public final class SignedEntry {
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {'M', 'E', 'M', 'O'};
  private static final int MAC_LENGTH = 32;
  private static final int HEADER = MAGIC.length + 1 + 8;
  private static final String ALGORITHM = "HmacSHA256";

  private SignedEntry() {}

  /** What {@link Signer#open} found. */
  public enum Status {
    /** The entry is authentic, for the requested method and key, and unexpired. */
    VALID,
    /** The entry is authentic but past its expiry. */
    EXPIRED,
    /**
     * The entry is not usable: malformed, truncated, of another format version, signed with another
     * secret, tampered, or for another method or key.
     */
    REJECTED
  }

  /**
   * The outcome of opening an entry.
   *
   * @param status what was found
   * @param value the value bytes when {@code status} is {@link Status#VALID}, else {@code null}
   */
  public record Opened(Status status, byte[] value) {
    private static final Opened EXPIRED = new Opened(Status.EXPIRED, null);
    private static final Opened REJECTED = new Opened(Status.REJECTED, null);
  }

  /**
   * Returns a signer keyed by {@code secret}.
   *
   * @param secret the HMAC key, at least 16 bytes
   * @return the signer
   * @throws IllegalArgumentException if the secret is shorter than 16 bytes
   */
  public static Signer signer(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException(
          "the memo store secret must have at least 16 bytes: it has " + secret.length);
    }
    return new Signer(secret);
  }

  /** Encodes and opens entries under one secret. Thread-safe. */
  public static final class Signer {
    private final SecretKeySpec key;
    private final Mac prototype;

    private Signer(byte[] secret) {
      this.key = new SecretKeySpec(secret, ALGORITHM);
      this.prototype = newMac(key);
    }

    /**
     * Encodes an entry, signed.
     *
     * @param methodId the method id
     * @param key the key bytes
     * @param value the value bytes
     * @param expiresAtMillis when the entry expires, in epoch milliseconds, or 0 for never
     * @return the signed bytes
     */
    public byte[] encode(String methodId, byte[] key, byte[] value, long expiresAtMillis) {
      byte[] id = methodId.getBytes(StandardCharsets.UTF_8);
      long length = (long) HEADER + 12 + id.length + key.length + value.length + MAC_LENGTH;
      if (length > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("memo store entry too large: " + length + " bytes");
      }
      ByteBuffer out = ByteBuffer.allocate((int) length);
      out.put(MAGIC).put((byte) VERSION).putLong(expiresAtMillis);
      out.putInt(id.length).put(id).putInt(key.length).put(key).putInt(value.length).put(value);
      Mac mac = mac();
      mac.update(out.array(), 0, out.position());
      try {
        mac.doFinal(out.array(), out.position());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 failed", e);
      }
      return out.array();
    }

    /**
     * Opens an entry: verifies its format and MAC, then that it was written for {@code methodId}
     * and {@code key}, then its expiry.
     *
     * @param entry the stored bytes, untrusted
     * @param methodId the method id asked for
     * @param key the key bytes asked for
     * @param nowMillis the current time, in epoch milliseconds
     * @return the outcome; its value is set only when the entry is valid
     */
    public Opened open(byte[] entry, String methodId, byte[] key, long nowMillis) {
      int macStart = entry.length - MAC_LENGTH;
      if (macStart < HEADER + 12
          || !Arrays.equals(entry, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
          || entry[MAGIC.length] != VERSION) {
        return Opened.REJECTED;
      }
      ByteBuffer in = ByteBuffer.wrap(entry, 0, macStart);
      in.position(HEADER);
      int idStart = in.position() + 4;
      int idLength = in.getInt();
      if (idLength < 0 || idLength > in.remaining() - 8) {
        return Opened.REJECTED;
      }
      in.position(idStart + idLength);
      int keyStart = in.position() + 4;
      int keyLength = in.getInt();
      if (keyLength < 0 || keyLength > in.remaining() - 4) {
        return Opened.REJECTED;
      }
      in.position(keyStart + keyLength);
      int valueStart = in.position() + 4;
      int valueLength = in.getInt();
      if (valueLength != macStart - valueStart) {
        return Opened.REJECTED;
      }
      Mac mac = mac();
      mac.update(entry, 0, macStart);
      byte[] expected = mac.doFinal();
      byte[] actual = Arrays.copyOfRange(entry, macStart, entry.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        return Opened.REJECTED;
      }
      // Authentic from here on: the remaining checks guard against digest collisions.
      byte[] id = methodId.getBytes(StandardCharsets.UTF_8);
      if (!Arrays.equals(entry, idStart, idStart + idLength, id, 0, id.length)
          || !Arrays.equals(entry, keyStart, keyStart + keyLength, key, 0, key.length)) {
        return Opened.REJECTED;
      }
      long expiresAt = ByteBuffer.wrap(entry, MAGIC.length + 1, 8).getLong();
      if (expiresAt != 0 && expiresAt <= nowMillis) {
        return Opened.EXPIRED;
      }
      return new Opened(Status.VALID, Arrays.copyOfRange(entry, valueStart, macStart));
    }

    private Mac mac() {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        return newMac(key);
      }
    }

    private static Mac newMac(SecretKeySpec key) {
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        // Every Java platform must support HmacSHA256.
        throw new IllegalStateException("HmacSHA256 is unavailable", e);
      }
    }
  }
}
