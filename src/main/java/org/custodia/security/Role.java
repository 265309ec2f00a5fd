package org.custodia.security;

/** Roles. Unit-scoped roles see their own unit only; global roles see every unit. */
public enum Role {
  ADMIN(true),
  OFFICER(false),
  REVIEWER(false),
  SUPERVISOR(true),
  AUDITOR(false),
  /** A docking station: may only upload. Never assigned to a user. */
  STATION(false);

  /** Role names for {@code @RolesAllowed}. */
  public static final String ADMIN_ = "ADMIN";

  public static final String OFFICER_ = "OFFICER";
  public static final String REVIEWER_ = "REVIEWER";
  public static final String SUPERVISOR_ = "SUPERVISOR";
  public static final String AUDITOR_ = "AUDITOR";
  public static final String STATION_ = "STATION";

  private final boolean global;

  Role(boolean global) {
    this.global = global;
  }

  /** Whether the role sees all units. */
  public boolean global() {
    return global;
  }

  public boolean assignableToUser() {
    return this != STATION;
  }
}
