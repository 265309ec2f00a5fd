package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;

/** User accounts as administrators manage them: create, read, change role, unit or enabled. */
@ApplicationScoped
@Transactional
public class UserService {
  private final AccountRepository accounts;
  private final UnitService units;
  private final PasswordHasher hasher;
  private final AuditService audit;
  private final Caller caller;
  private final BrowserSessionService sessions;

  UserService(
      AccountRepository accounts,
      UnitService units,
      PasswordHasher hasher,
      AuditService audit,
      Caller caller,
      BrowserSessionService sessions) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.units = units;
    this.hasher = hasher;
    this.audit = audit;
    this.caller = caller;
  }

  /** Creates an enabled user; the username is unique. */
  public User create(String username, String password, Role role, UUID unitId) {
    checkRoleAndUnit(role, unitId);
    Instant now = Instant.now();
    User user =
        new User(Ids.newId(), username, hasher.hash(password), role, unitId, true, now, now);
    try {
      accounts.insertUser(user);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_USERNAME, "this username is taken", "username");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", user.role().name());
    if (user.unitId() != null) {
      details.put("unitId", user.unitId().toString());
    }
    audit.record("user.created", AuditEvent.Target.of("user", user.id()), details);
    return user;
  }

  /**
   * An administrator sets a new password for a user (forgotten password): tokens issued before stop
   * working (the password marker) and every browser session of the user ends in this transaction.
   * Audited as {@code user.password-reset}; the password itself is never logged.
   */
  public User resetPassword(UUID id, String newPassword) {
    User user = accounts.userById(id).orElseThrow(() -> CustodiaException.notFound("user"));
    accounts.updatePassword(id, hasher.hash(newPassword), Instant.now());
    sessions.endAllOf(id);
    audit.record("user.password-reset", AuditEvent.Target.of("user", user.id()), null);
    return accounts.userById(id).orElseThrow();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<User> byId(UUID id) {
    return accounts.userById(id);
  }

  /** Users after {@code after} in id order, of {@code unitId} only when set. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<User> list(UUID unitId, UUID after, int limit) {
    return accounts.users(unitId, after, limit);
  }

  /**
   * Changes what is given (null: unchanged) and returns the user as stored afterwards. Two rules
   * keep the archive administrable, since an account can be re-enabled only by an administrator: no
   * change may leave no enabled administrator ({@link ProblemType#LAST_ADMIN}), and no
   * administrator may disable their own account ({@link ProblemType#SELF_LOCKOUT}; another
   * administrator can). Stepping down from ADMIN is allowed while another administrator remains.
   * The user's row and every enabled administrator's are locked first, so that concurrent changes
   * (two admins disabling each other) are decided one after the other, each on what the other did.
   * Disabling a user ends their browser sessions in the same transaction.
   */
  public User update(UUID id, Role newRole, UUID newUnit, Boolean newEnabled) {
    List<UUID> admins = accounts.lockUserAndEnabledAdmins(id);
    User user = accounts.userById(id).orElseThrow(() -> CustodiaException.notFound("user"));
    Role role = newRole == null ? user.role() : newRole;
    UUID unit = newUnit == null ? user.unitId() : newUnit;
    boolean enabled = newEnabled == null ? user.enabled() : newEnabled;
    checkRoleAndUnit(role, unit);
    if (admins.equals(List.of(id)) && !(enabled && role == Role.ADMIN)) {
      throw new CustodiaException(
          ProblemType.LAST_ADMIN,
          "this is the only enabled administrator: "
              + (enabled ? "changing its role" : "disabling it")
              + " would leave no one to manage accounts; make another user an administrator first",
          enabled ? "role" : "enabled");
    }
    if (!enabled && id.equals(caller.id())) {
      throw new CustodiaException(
          ProblemType.SELF_LOCKOUT,
          "an administrator cannot disable their own account; another administrator can",
          "enabled");
    }
    accounts.updateUser(id, role, unit, enabled);
    if (!enabled) {
      // a disabled user is signed out of every browser at once (tokens: the enabled check)
      sessions.endAllOf(id);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", role.name());
    details.put("enabled", enabled);
    if (unit != null) {
      details.put("unitId", unit.toString());
    }
    audit.record("user.updated", AuditEvent.Target.of("user", id), details);
    return accounts.userById(id).orElseThrow();
  }

  private void checkRoleAndUnit(Role role, UUID unitId) {
    if (!role.assignableToUser()) {
      throw CustodiaException.invalid("role", "role STATION is for docking stations only");
    }
    if (unitId == null && !role.global()) {
      throw CustodiaException.invalid(
          "unitId", "role " + role + " is unit-scoped and needs a unit");
    }
    if (unitId != null && !units.exists(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
  }
}
