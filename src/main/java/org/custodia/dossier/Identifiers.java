package org.custodia.dossier;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Validation of subject identifiers: the unified social credit code (统一社会信用代码, GB 32100-2015) of
 * organisations and the resident ID number (公民身份号码, GB 11643-1999) of persons. Error texts never
 * repeat the identifier.
 */
public final class Identifiers {
  /** GB 32100-2015 code characters; the index is the character's value. No I, O, S, V, Z. */
  static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";

  private Identifiers() {}

  /** Upper-cased and stripped: the form that is validated, hashed and stored. */
  public static String normalise(String identifier) {
    return identifier == null ? null : identifier.strip().toUpperCase(Locale.ROOT);
  }

  /** The problem with {@code code} as a unified social credit code, or null when it is valid. */
  public static String usccProblem(String code) {
    if (code == null || code.length() != 18) {
      return "a unified social credit code has 18 characters";
    }
    for (int i = 0; i < 18; i++) {
      if (USCC_CHARS.indexOf(code.charAt(i)) < 0) {
        return "a unified social credit code uses 0-9 and A-Y without I, O, S, V, Z";
      }
    }
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(code.charAt(i))) {
        return "characters 3-8 of a unified social credit code are the region code (digits)";
      }
    }
    if (USCC_CHARS.indexOf(code.charAt(17)) != usccCheckValue(code.substring(0, 17))) {
      return "the check character of the unified social credit code is wrong (GB 32100-2015)";
    }
    return null;
  }

  /** The GB 32100-2015 check character for the first 17 characters of a code. */
  public static char usccCheckChar(String first17) {
    return USCC_CHARS.charAt(usccCheckValue(first17));
  }

  private static int usccCheckValue(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return check == 31 ? 0 : check;
  }

  /**
   * The problem with {@code id} as a resident ID number, or null when it is valid: 17 digits, a
   * valid birth date (YYYYMMDD at 7-14, not in the future) and the ISO 7064 MOD 11-2 check
   * character (digit or X).
   */
  public static String residentIdProblem(String id, LocalDate today) {
    if (id == null || !id.matches("[0-9]{17}[0-9X]")) {
      return "a resident ID number has 17 digits and a check digit or X";
    }
    try {
      LocalDate birth =
          LocalDate.of(
              Integer.parseInt(id.substring(6, 10)),
              Integer.parseInt(id.substring(10, 12)),
              Integer.parseInt(id.substring(12, 14)));
      if (birth.getYear() < 1800 || birth.isAfter(today)) {
        return "the birth date in the resident ID number is out of range";
      }
    } catch (DateTimeException e) {
      return "the birth date in the resident ID number is not a date";
    }
    if (id.charAt(17) != residentIdCheckChar(id.substring(0, 17))) {
      return "the check digit of the resident ID number is wrong (GB 11643-1999)";
    }
    return null;
  }

  /** The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number. */
  public static char residentIdCheckChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK.charAt(sum % 11);
  }

  /** Display form of a resident ID number: the first and last four characters. */
  public static String mask(String id) {
    return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }
}
