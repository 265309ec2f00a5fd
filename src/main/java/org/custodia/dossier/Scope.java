package org.custodia.dossier;

import java.util.UUID;
import org.custodia.security.Caller;

/** Unit scoping of list queries, decided from the {@link Caller}. */
final class Scope {
  /** Placeholder unit no record belongs to: a unit-scoped caller filtering on another unit. */
  static final UUID NONE = new UUID(0, 0);

  private Scope() {}

  /**
   * The unit a list must be restricted to: the requested one for global roles (null = all), the
   * caller's own for unit-scoped roles (and nothing when they ask for another).
   */
  static UUID unit(Caller caller, UUID requested) {
    if (caller.global()) {
      return requested;
    }
    UUID own = caller.unitId();
    if (own == null || (requested != null && !requested.equals(own))) {
      return NONE;
    }
    return own;
  }
}
