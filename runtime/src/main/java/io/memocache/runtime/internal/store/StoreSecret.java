package io.memocache.runtime.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/*
 * Design note.
 *
 * A disk store without a configured secret keys its MACs with a random 32-byte file in its own
 * directory. Two JVMs opening a fresh directory at once must end up with one key, or each would
 * reject the other's entries. So the key is written whole (and fsynced: losing it silently
 * invalidates every entry) to a private temporary file, which is then hard-linked to the final
 * name: link() fails if the name exists, so exactly one JVM's key wins and no reader ever sees a
 * partial key. The loser reads the winner's. Where hard links are unsupported, the file is created
 * with CREATE_NEW and written in place, and a reader that finds it short waits briefly for the
 * writer to finish.
 */

/** Where a store's secret comes from: the configuration, or a key file. Not an API. */
public final class StoreSecret {
  /** The system property naming the secret. */
  public static final String PROPERTY = "memocache.secret";

  /** The environment variable naming the secret, read when the property is not set. */
  public static final String ENVIRONMENT = "MEMOCACHE_SECRET";

  private static final int KEY_FILE_LENGTH = 32;

  private StoreSecret() {}

  /**
   * Returns the configured secret: the system property {@value #PROPERTY}, else the environment
   * variable {@value #ENVIRONMENT}, or {@code null} when neither is set to a non-empty value.
   *
   * @return the secret, or {@code null}
   */
  public static String configured() {
    String secret = System.getProperty(PROPERTY);
    if (secret == null || secret.isEmpty()) {
      secret = System.getenv(ENVIRONMENT);
    }
    return secret == null || secret.isEmpty() ? null : secret;
  }

  /**
   * Returns the bytes used as HMAC key for a configured secret.
   *
   * @param secret the secret as configured
   * @return its UTF-8 bytes, padded by hashing when shorter than 16 bytes
   */
  public static byte[] keyBytes(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length >= 16) {
      return bytes;
    }
    // HMAC accepts short keys, but the signer insists on 16 bytes to catch empty ones; a short
    // configured secret is the user's call, so it is stretched rather than refused.
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /**
   * Returns the key in {@code keyFile}, creating it with 32 random bytes (owner-only permissions
   * where the file system supports POSIX) if it does not exist. Safe when several processes call it
   * at once: they all get the same key.
   *
   * @param keyFile where the key lives; its directory must exist
   * @return the key bytes
   * @throws IOException if the file cannot be read or created, or holds a malformed key
   */
  public static byte[] loadOrCreateKeyFile(Path keyFile) throws IOException {
    try {
      return readKey(keyFile);
    } catch (NoSuchFileException absent) {
      // Fall through and create it.
    }
    byte[] key = new byte[KEY_FILE_LENGTH];
    new SecureRandom().nextBytes(key);
    Path temp = PrivateFiles.writeTemp(keyFile.getParent(), keyFile.getFileName() + ".", key, true);
    try {
      Files.createLink(keyFile, temp);
      return key;
    } catch (FileAlreadyExistsException lost) {
      return readKey(keyFile);
    } catch (UnsupportedOperationException noLinks) {
      try {
        PrivateFiles.writeNew(keyFile, key);
        return key;
      } catch (FileAlreadyExistsException lost) {
        return readKey(keyFile);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] readKey(Path keyFile) throws IOException {
    for (int attempt = 0; ; attempt++) {
      byte[] key = Files.readAllBytes(keyFile);
      if (key.length == KEY_FILE_LENGTH) {
        return key;
      }
      if (attempt == 50) {
        throw new IOException(
            "the memo store key file "
                + keyFile
                + " holds "
                + key.length
                + " bytes, not "
                + KEY_FILE_LENGTH
                + ": delete it (every entry of the store becomes a miss)");
      }
      // Only the no-hard-link fallback writes in place; give its writer a moment.
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the memo store key file " + keyFile, e);
      }
    }
  }
}
