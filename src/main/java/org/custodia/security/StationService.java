package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.support.Ids;

/**
 * Docking stations (执法记录仪采集站): registration, token rotation and revocation. A station's token is
 * handed out once, at creation or rotation; only its SHA-256 is stored.
 */
@ApplicationScoped
@Transactional
public class StationService {
  private final AccountRepository accounts;
  private final UnitService units;
  private final TokenService tokens;
  private final AuditService audit;
  private final Caller caller;

  StationService(
      AccountRepository accounts,
      UnitService units,
      TokenService tokens,
      AuditService audit,
      Caller caller) {
    this.accounts = accounts;
    this.units = units;
    this.tokens = tokens;
    this.audit = audit;
    this.caller = caller;
  }

  /** A station with the token just issued for it: the only time the token is known. */
  public record Issued(Station station, String token) {}

  /** Registers an enabled station of {@code unitId} and issues its first token. */
  public Issued create(UUID unitId, String name, String location) {
    if (!units.exists(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    String token = tokens.newStationToken();
    Instant now = Instant.now();
    Station station = new Station(Ids.newId(), unitId, name, location, true, now, now);
    accounts.insertStation(station, hash(token));
    audit.record(
        "station.created",
        AuditEvent.Target.of("station", station.id()),
        Map.of("unitId", station.unitId().toString()));
    return new Issued(station, token);
  }

  /** Issues a new token (the old one stops working) and enables the station again. */
  public Issued rotate(UUID id) {
    accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    String token = tokens.newStationToken();
    accounts.updateStationToken(id, hash(token), Instant.now());
    audit.record("station.token-rotated", AuditEvent.Target.of("station", id), null);
    return new Issued(accounts.stationById(id).orElseThrow(), token);
  }

  /** Disables the station's token; its records stay. */
  public void revoke(UUID id) {
    accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    accounts.disableStation(id);
    audit.record("station.revoked", AuditEvent.Target.of("station", id), null);
  }

  /**
   * Stations the caller may see (all for global roles, else the caller's unit's), after {@code
   * after}.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Station> list(UUID after, int limit) {
    UUID only = caller.global() ? null : caller.unitId();
    return accounts.stations(only, after, limit);
  }

  /** One station, "not found" when it is another unit's and the caller is unit-scoped. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Station get(UUID id) {
    Station station =
        accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    caller.requireSees(station.unitId(), "station", id);
    return station;
  }

  private static byte[] hash(String token) {
    return TokenService.sha256(token.getBytes(StandardCharsets.US_ASCII));
  }
}
