package org.custodia.verify;

/**
 * The bag tried something a bag must never do (a path outside the bag, a symlink, a duplicate
 * entry, a zip bomb, a tag file beyond the limits). Verification stops: nothing more of such a bag
 * is read.
 */
public final class HostileBagException extends RuntimeException {
  private final String file;

  public HostileBagException(String file, String message) {
    super(message);
    this.file = file;
  }

  /** The entry at fault, as the bag names it. */
  public String file() {
    return file;
  }
}
