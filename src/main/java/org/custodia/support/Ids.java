package org.custodia.support;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids: UUID version 7 (RFC 9562), time-ordered so that keyset pagination and B-trees behave.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long randB = RANDOM.nextLong();
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
