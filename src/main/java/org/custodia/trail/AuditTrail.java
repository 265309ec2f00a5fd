package org.custodia.trail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditReader;
import org.custodia.audit.AuditService;
import org.custodia.audit.CanonicalJson;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.export.Export;
import org.custodia.export.ExportService;
import org.custodia.security.Caller;

/**
 * The audit trail's rules, shared by {@code /api/v1/audit} and the audit pages: who may read which
 * entry, the filtered event list (unit-scoped, audited as {@code audit.events-listed}) and the
 * chain of custody of one record or case (audited as {@code audit.custody-viewed}).
 */
@ApplicationScoped
public class AuditTrail {
  /**
   * Events read per query while collecting a chain of custody; the chain stops at {@link
   * #CHAIN_MAX}.
   */
  static final int CHAIN_PAGE = 500;

  static final int CHAIN_MAX = 5000;

  private final AuditReader log;
  private final AuditService audit;
  private final Caller caller;
  private final EvidenceService evidence;
  private final CaseService cases;
  private final ExportService exports;

  AuditTrail(
      AuditReader log,
      AuditService audit,
      Caller caller,
      EvidenceService evidence,
      CaseService cases,
      ExportService exports) {
    this.log = log;
    this.audit = audit;
    this.caller = caller;
    this.evidence = evidence;
    this.cases = cases;
    this.exports = exports;
  }

  /** Filters of the event list as the caller gives them; null or blank means "any". */
  public record Query(
      String targetType,
      String targetId,
      String actorId,
      String type,
      UUID unitId,
      Instant from,
      Instant to) {}

  /** One page of events in log order and the cursor of the next (null on the last page). */
  public record EventPage(List<AuditReader.EventRow> rows, String nextCursor) {}

  /**
   * The canonical bytes of entry {@code index}; another unit's entry is "not found" to auditors.
   */
  public byte[] entry(long index) {
    byte[] entry = log.entry(index).orElseThrow(() -> CustodiaException.notFound("audit entry"));
    if (!mayRead(CanonicalJson.parse(entry))) {
      throw CustodiaException.notFound("audit entry");
    }
    return entry;
  }

  /**
   * Whether the caller may open an entry: global roles every entry; others an entry their unit's
   * people made, or one about a record (evidence, case, export) of their unit, so that every event
   * of a record's chain of custody can be checked by its unit's auditors.
   */
  public boolean mayRead(JsonNode event) {
    if (caller.global()) {
      return true;
    }
    JsonNode unit = event.get("unit");
    if (unit != null
        && caller.unitId() != null
        && unit.asText().equals(caller.unitId().toString())) {
      return true;
    }
    return aboutOwnRecord(event.path("target"));
  }

  private boolean aboutOwnRecord(JsonNode target) {
    UUID id;
    try {
      id = UUID.fromString(target.path("id").asText(""));
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      switch (target.path("type").asText("")) {
        case "evidence":
          return evidence.find(id).map(e -> caller.sees(e.unitId())).orElse(false);
        case "case":
          cases.get(id);
          return true;
        case "export":
          exports.get(id);
          return true;
        default:
          return false;
      }
    } catch (CustodiaException e) {
      return false; // another unit's case or export: "not found", the probe audited as a denial
    }
  }

  /**
   * Events in log order after the cursor, at most {@code limit}: global roles see every unit's (or
   * one unit's, when {@code q.unitId} is set), others only their own unit's. Audited.
   */
  @Transactional
  public EventPage events(Query q, int limit, String cursor) {
    boolean all = caller.global() && q.unitId() == null;
    UUID unit = caller.global() ? q.unitId() : caller.unitId();
    AuditReader.EventFilter filter =
        new AuditReader.EventFilter(
            blankToNull(q.targetType()),
            blankToNull(q.targetId()),
            blankToNull(q.actorId()),
            blankToNull(q.type()),
            q.from(),
            q.to(),
            unit,
            all);
    boolean visible =
        all || (unit != null && (caller.global() || q.unitId() == null || q.unitId().equals(unit)));
    List<AuditReader.EventRow> rows =
        visible ? log.events(filter, decodeCursor(cursor), limit + 1) : List.of();
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      next = encodeCursor(rows.get(limit - 1).id());
    }
    Map<String, Object> details = new TreeMap<>();
    putIfSet(details, "targetType", filter.targetType());
    putIfSet(details, "targetId", filter.targetId());
    putIfSet(details, "actorId", filter.actorId());
    putIfSet(details, "type", filter.type());
    putIfSet(details, "unitId", q.unitId() == null ? null : q.unitId().toString());
    putIfSet(details, "from", q.from() == null ? null : q.from().toString());
    putIfSet(details, "to", q.to() == null ? null : q.to().toString());
    details.put("returned", rows.size());
    audit.record("audit.events-listed", null, details);
    return new EventPage(rows, next);
  }

  /** What a chain of custody is about, and its events in log order. */
  public record Chain(
      String targetType, UUID targetId, List<AuditReader.EventRow> events, boolean truncated) {}

  /**
   * Every event about one record, in log order, as the caller may list them (the event list's unit
   * rule). Another unit's record is "not found" (audited by the record's service).
   */
  @Transactional
  public Chain evidenceChain(UUID id) {
    evidence.visible(id);
    return chain("evidence", id, List.of(new AuditEvent.Target("evidence", id.toString())));
  }

  /**
   * Every event about a case, its records (those linked to it now) and its exports, in log order.
   */
  @Transactional
  public Chain caseChain(UUID id) {
    var dossier = cases.get(id);
    List<AuditEvent.Target> targets = new ArrayList<>();
    targets.add(new AuditEvent.Target("case", id.toString()));
    UUID before = null;
    while (true) {
      var page =
          evidence.search(
              EvidenceQuery.Filter.builder().unitId(dossier.unitId()).caseId(id).build(),
              before,
              500);
      for (Evidence e : page.items()) {
        targets.add(new AuditEvent.Target("evidence", e.id().toString()));
      }
      if (page.nextCursor() == null || page.items().isEmpty()) {
        break;
      }
      before = page.items().get(page.items().size() - 1).id();
    }
    for (Export x : exports.ofCase(id)) {
      targets.add(new AuditEvent.Target("export", x.id().toString()));
    }
    return chain("case", id, targets);
  }

  private Chain chain(String type, UUID id, List<AuditEvent.Target> targets) {
    List<AuditReader.EventRow> rows = new ArrayList<>();
    boolean truncated = false;
    for (AuditEvent.Target t : targets) {
      long after = 0;
      while (true) {
        List<AuditReader.EventRow> page =
            log.events(
                new AuditReader.EventFilter(t.type(), t.id(), null, null, null, null, null, true),
                after,
                CHAIN_PAGE);
        rows.addAll(page);
        if (page.size() < CHAIN_PAGE) {
          break;
        }
        after = page.get(page.size() - 1).id();
        if (rows.size() >= CHAIN_MAX) {
          truncated = true;
          break;
        }
      }
    }
    rows.sort(Comparator.comparingLong(AuditReader.EventRow::id));
    if (rows.size() > CHAIN_MAX) {
      rows = new ArrayList<>(rows.subList(0, CHAIN_MAX));
      truncated = true;
    }
    Map<String, Object> details = new TreeMap<>();
    details.put("returned", rows.size());
    details.put("targets", targets.size());
    audit.record("audit.custody-viewed", AuditEvent.Target.of(type, id), details);
    return new Chain(type, id, rows, truncated);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  static String encodeCursor(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("a" + id).getBytes(StandardCharsets.US_ASCII));
  }

  static long decodeCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!s.startsWith("a")) {
        throw new IllegalArgumentException();
      }
      return Long.parseLong(s.substring(1));
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("cursor", "cursor is not one this service issued");
    }
  }
}
