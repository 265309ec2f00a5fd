package org.custodia.dossier;

import java.security.SecureRandom;

/**
 * Generates valid identifiers for tests, deriving the check characters from the standards
 * themselves (weights as powers, not the implementation's tables): GB 32100-2015 weights are 3^i
 * mod 31, GB 11643-1999 (ISO 7064 MOD 11-2) weights are 2^(17-i) mod 11.
 */
public final class Codes {
  static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Codes() {}

  static char usccCheck(String first17) {
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(first17.charAt(i)) * weight;
      weight = weight * 3 % 31;
    }
    return USCC_CHARS.charAt((31 - sum % 31) % 31);
  }

  static char residentIdCheck(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = 1;
      for (int k = 0; k < 17 - i; k++) {
        weight = weight * 2 % 11;
      }
      sum += (first17.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  /** A random, valid unified social credit code of a company (91...) in Beijing. */
  public static String uscc() {
    StringBuilder s = new StringBuilder("91110105");
    for (int i = 0; i < 9; i++) {
      s.append(USCC_CHARS.charAt(RANDOM.nextInt(USCC_CHARS.length())));
    }
    return s.append(usccCheck(s.toString())).toString();
  }

  /** A random, valid resident ID number of someone born in 1985. */
  static String residentId() {
    String first17 =
        String.format(
            "110105%04d%02d%02d%03d",
            1985, 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28), RANDOM.nextInt(1000));
    return first17 + residentIdCheck(first17);
  }

  /** {@code code} with its last character replaced by a different valid character. */
  static String wrongCheck(String code, String alphabet) {
    char last = code.charAt(code.length() - 1);
    char other = alphabet.charAt((alphabet.indexOf(last) + 1) % alphabet.length());
    return code.substring(0, code.length() - 1) + other;
  }
}
