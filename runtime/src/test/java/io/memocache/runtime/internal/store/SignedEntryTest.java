package io.memocache.runtime.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memocache.runtime.internal.store.SignedEntry.Opened;
import io.memocache.runtime.internal.store.SignedEntry.Signer;
import io.memocache.runtime.internal.store.SignedEntry.Status;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedEntryTest {
  private static final byte[] SECRET = "0123456789abcdef-secret".getBytes(UTF_8);
  private static final String METHOD = "com.example.Prices#load(java.lang.String)#f00d";
  private static final byte[] KEY = "EUR".getBytes(UTF_8);
  private static final byte[] VALUE = "42.00".getBytes(UTF_8);

  private final Signer signer = SignedEntry.signer(SECRET);

  @Test
  void open_returnsTheValueOfAnAuthenticEntryForItsMethodAndKey() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 0);

    Opened opened = signer.open(entry, METHOD, KEY, 1_000);

    assertEquals(Status.VALID, opened.status());
    assertArrayEquals(VALUE, opened.value());
  }

  @Test
  void open_acceptsEmptyKeyAndValue() {
    byte[] entry = signer.encode(METHOD, new byte[0], new byte[0], 0);

    assertArrayEquals(new byte[0], signer.open(entry, METHOD, new byte[0], 0).value());
  }

  @Test
  void open_rejectsEveryEntryWithAnyByteChanged() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 0);
    for (int i = 0; i < entry.length; i++) {
      byte[] tampered = entry.clone();
      tampered[i] ^= 0x01;
      assertRejected(signer.open(tampered, METHOD, KEY, 0), "byte " + i + " flipped");
    }
  }

  @Test
  void open_rejectsEveryTruncationAndExtension() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 0);
    for (int length = 0; length < entry.length; length++) {
      assertRejected(
          signer.open(Arrays.copyOf(entry, length), METHOD, KEY, 0), "truncated to " + length);
    }
    assertRejected(signer.open(Arrays.copyOf(entry, entry.length + 1), METHOD, KEY, 0), "extended");
  }

  @Test
  void open_rejectsAnEntryWrittenUnderAnotherSecret() {
    byte[] entry =
        SignedEntry.signer("another-secret-of-16+".getBytes(UTF_8)).encode(METHOD, KEY, VALUE, 0);

    assertRejected(signer.open(entry, METHOD, KEY, 0), "other secret");
  }

  @Test
  void open_rejectsAnAuthenticEntryOfAnotherKeyOrMethod() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 0);

    assertRejected(signer.open(entry, METHOD, "USD".getBytes(UTF_8), 0), "other key");
    assertRejected(signer.open(entry, METHOD, "EU".getBytes(UTF_8), 0), "key prefix");
    assertRejected(signer.open(entry, METHOD + "x", KEY, 0), "other method");
  }

  @Test
  void open_reportsExpiryOnlyOnceTheExpiryTimeIsReached() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 5_000);

    assertEquals(Status.VALID, signer.open(entry, METHOD, KEY, 4_999).status());
    Opened expired = signer.open(entry, METHOD, KEY, 5_000);
    assertEquals(Status.EXPIRED, expired.status());
    assertNull(expired.value());
  }

  @Test
  void open_rejectsLengthFieldsPointingOutsideTheEntryWithoutThrowing() {
    byte[] entry = signer.encode(METHOD, KEY, VALUE, 0);
    int idLengthAt = 4 + 1 + 8;
    for (int field : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, entry.length}) {
      byte[] crafted = entry.clone();
      crafted[idLengthAt] = (byte) (field >>> 24);
      crafted[idLengthAt + 1] = (byte) (field >>> 16);
      crafted[idLengthAt + 2] = (byte) (field >>> 8);
      crafted[idLengthAt + 3] = (byte) field;
      assertRejected(signer.open(crafted, METHOD, KEY, 0), "id length " + field);
    }
  }

  @Test
  void signer_refusesASecretShorterThan16Bytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SignedEntry.signer(new byte[15]));
    assertEquals("the memo store secret must have at least 16 bytes: it has 15", e.getMessage());
  }

  private static void assertRejected(Opened opened, String what) {
    assertEquals(Status.REJECTED, opened.status(), what);
    assertNull(opened.value(), what);
  }
}
