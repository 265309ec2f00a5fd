package org.custodia.storage;

import java.util.regex.Pattern;

/**
 * Object keys are chosen by the service, never taken from user input. Every key passed to the store
 * is checked against this shape, so a bug that lets user text into a key fails loudly instead of
 * writing somewhere unexpected.
 */
public final class ObjectKeys {
  private static final Pattern SAFE =
      Pattern.compile("[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*");

  private ObjectKeys() {}

  public static String requireSafe(String key) {
    if (key == null || key.length() > 512 || !SAFE.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("unsafe object key");
    }
    return key;
  }
}
