package org.custodia.web;

import java.util.List;
import java.util.Locale;

/**
 * The languages of the web UI and how one is chosen: the {@value #COOKIE} cookie (set by the
 * language switch), else the first supported language of {@code Accept-Language}, else zh-CN.
 */
public final class Locales {
  /** The cookie that remembers the language switch. */
  public static final String COOKIE = "lang";

  public static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");
  public static final Locale EN = Locale.ENGLISH;

  /** Supported languages, the default first. */
  public static final List<Locale> SUPPORTED = List.of(ZH_CN, EN);

  private Locales() {}

  /** The language for a request with this {@code lang} cookie and {@code Accept-Language}. */
  public static Locale resolve(String cookie, String acceptLanguage) {
    Locale chosen = supported(cookie);
    if (chosen != null) {
      return chosen;
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() < 1000) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          if (range.getWeight() <= 0) {
            continue;
          }
          String tag = range.getRange();
          if (tag.equals("*") || tag.equals("zh") || tag.startsWith("zh-")) {
            return ZH_CN;
          }
          if (tag.equals("en") || tag.startsWith("en-")) {
            return EN;
          }
        }
      } catch (IllegalArgumentException malformed) {
        // a malformed header chooses nothing
      }
    }
    return ZH_CN;
  }

  /** The supported language named by {@code tag} ("zh-CN" or "en"), else null. */
  public static Locale supported(String tag) {
    if (tag == null) {
      return null;
    }
    for (Locale locale : SUPPORTED) {
      if (locale.toLanguageTag().equalsIgnoreCase(tag.trim())) {
        return locale;
      }
    }
    return null;
  }
}
