package org.custodia.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseChanged;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceLink;
import org.custodia.dossier.EvidenceLinked;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.ingest.EvidenceIngested;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.integrity.ReceiptSigned;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.Protection;
import org.custodia.storage.StoredObject;
import org.jboss.logging.Logger;

/**
 * Computes each item's retention from the rules ({@link RetentionRules}), its links, flags and
 * holds; keeps {@code retention_item} current; and asks the storage port to protect the original
 * and its receipts accordingly: retention extended (never shortened) whenever the computed date
 * moves, a legal hold on while any hold covers the item.
 */
@ApplicationScoped
public class RetentionService {
  private static final Logger LOG = Logger.getLogger(RetentionService.class);

  private final RetentionRules rules;
  private final RetentionRepository items;
  private final HoldRepository holds;
  private final EvidenceService evidence;
  private final CaseService cases;
  private final ReceiptAccess receipts;
  private final ProtectionPort port;
  private final ObjectStore store;
  private final AuditService audit;
  private final Caller caller;

  RetentionService(
      RetentionRules rules,
      RetentionRepository items,
      HoldRepository holds,
      EvidenceService evidence,
      CaseService cases,
      ReceiptAccess receipts,
      ProtectionPort port,
      ObjectStore store,
      AuditService audit,
      Caller caller) {
    this.rules = rules;
    this.items = items;
    this.holds = holds;
    this.evidence = evidence;
    this.cases = cases;
    this.receipts = receipts;
    this.port = port;
    this.store = store;
    this.audit = audit;
    this.caller = caller;
  }

  /** What the rules say of one item now, before anything is written. */
  record Computed(
      RetentionClass automatic,
      RetentionClass effective,
      Instant deleteAfter,
      String why,
      List<Retention.CaseTerm> cases,
      List<Hold> holds) {

    boolean held() {
      return !holds.isEmpty();
    }
  }

  // ------------------------------------------------------------------ reading

  /** An item's retention, for a caller who may see the item. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Retention get(UUID id) {
    Evidence e = evidence.visible(id);
    return withStore(e, view(e, items.byId(id).orElse(null), Instant.now()));
  }

  /** The same, for the evidence read (its access already checked). */
  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<Retention> details(UUID id) {
    return evidence.find(id).map(e -> view(e, items.byId(id).orElse(null), Instant.now()));
  }

  private Retention view(Evidence e, RetentionRepository.Item row, Instant now) {
    Retention.Flags flags = flags(row);
    RetentionClass manual = row == null ? null : row.manualClass();
    Computed c = compute(e, flags, manual, now);
    Instant earliest = c.deleteAfter();
    String why = c.why();
    Instant retained = row == null ? null : row.retainedUntil();
    if (earliest != null && retained != null && retained.isAfter(earliest)) {
      earliest = retained;
      why = why + "; locked in the store until " + retained + " (retention is never shortened)";
    }
    if (row != null && row.disposed()) {
      earliest = null;
      why = "disposed " + row.disposedAt();
    }
    return new Retention(
        e.id(),
        c.effective(),
        c.automatic(),
        manual,
        row == null ? null : row.manualReason(),
        flags,
        earliest,
        earliest == null && (row == null || !row.disposed()),
        why,
        rules.current().classes().get(c.effective()).basis(),
        c.cases(),
        retained,
        c.held(),
        c.holds().stream().map(Hold::id).toList(),
        row == null ? "KEPT" : row.state(),
        row == null ? null : row.disposedAt(),
        rules.current().version(),
        null,
        null,
        null);
  }

  /**
   * Adds what the store protects to an item's view: the store's latest retain-until beside the
   * class's date, and the effective earliest deletion (the later of both) with its reason. The
   * bucket's default retention (counted from the upload) can keep the bytes longer than the class.
   */
  private Retention withStore(Evidence e, Retention r) {
    if ("DISPOSED".equals(r.state())) {
      return r;
    }
    List<StoreLock> locks = storeLocks(e);
    Instant until = null;
    boolean hold = false;
    List<Retention.StoredObject> objects = new ArrayList<>();
    for (StoreLock l : locks) {
      objects.add(l.view());
      if (l.protection() != null) {
        hold |= l.protection().legalHold();
        Instant u = l.protection().retainUntil();
        until = u != null && (until == null || u.isAfter(until)) ? u : until;
      }
    }
    Retention.Store s = new Retention.Store(until, hold, objects);
    Instant earliest = r.earliestDeletion();
    if (earliest == null) {
      return r.withStore(s, null, r.why());
    }
    if (until != null && until.isAfter(earliest)) {
      return r.withStore(
          s,
          until,
          "the store retains the bytes until "
              + until
              + ", later than "
              + earliest
              + " ("
              + r.why()
              + "): the bucket's default retention counts from the upload");
    }
    return r.withStore(s, earliest, r.why());
  }

  /** One object of an item and what protects it in the store (null protection: missing). */
  record StoreLock(
      String object, BucketRole bucket, String key, String versionId, Protection protection) {
    Retention.StoredObject view() {
      if (protection == null) {
        return new Retention.StoredObject(object, bucket.name(), null, false, null, true);
      }
      return new Retention.StoredObject(
          object,
          bucket.name(),
          protection.retainUntil(),
          protection.legalHold(),
          protection.storeEnforced() ? "STORE" : "SERVICE",
          null);
    }

    /** Why the store refuses to delete the object at {@code now}, or null. */
    String refusal(Instant now) {
      if (protection == null) {
        return null;
      }
      String what = "original".equals(object) ? "original" : "receipt";
      if (protection.legalHold()) {
        return what + " under legal hold in the store";
      }
      if (protection.retainUntil() != null && protection.retainUntil().isAfter(now)) {
        return what + " retained in the store until " + protection.retainUntil();
      }
      return null;
    }
  }

  /** What the store protects of an item now: its original (first) and its receipt files. */
  List<StoreLock> storeLocks(Evidence e) {
    List<StoreLock> out = new ArrayList<>();
    Optional<StoredObject> original =
        store.stat(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
    String version = original.map(StoredObject::versionId).orElse(e.objectVersion());
    out.add(
        new StoreLock(
            "original",
            BucketRole.EVIDENCE,
            e.objectKey(),
            version,
            original.isEmpty()
                ? null
                : port.protection(BucketRole.EVIDENCE, e.objectKey(), version)));
    for (ReceiptObject r : receiptObjects(e.id())) {
      String name = r.key().substring(r.key().lastIndexOf('/') + 1);
      out.add(
          new StoreLock(
              name,
              r.bucket(),
              r.key(),
              r.versionId(),
              port.protection(r.bucket(), r.key(), r.versionId())));
    }
    return out;
  }

  /** Why the store refuses to delete one of an item's objects now, or null when it would not. */
  static String storeRefusal(List<StoreLock> locks, Instant now) {
    for (StoreLock l : locks) {
      String why = l.refusal(now);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private static Retention.Flags flags(RetentionRepository.Item row) {
    return row == null
        ? Retention.Flags.NONE
        : new Retention.Flags(row.usedAsEvidence(), row.obstruction(), row.majorIncident());
  }

  /** An item's kept retention in a list: class, earliest deletion, hold, disposed. */
  public record Summary(
      UUID evidenceId,
      RetentionClass retentionClass,
      Instant deleteAfter,
      boolean held,
      boolean disposed) {}

  /**
   * The kept retention of several items the caller already may see (a dossier's records), as last
   * computed; items without a row yet are left out.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<UUID, Summary> summaries(java.util.Collection<UUID> ids) {
    Map<UUID, Summary> out = new LinkedHashMap<>();
    for (RetentionRepository.Item i : items.byIds(ids)) {
      out.put(
          i.evidenceId(),
          new Summary(i.evidenceId(), i.retentionClass(), i.deleteAfter(), i.held(), i.disposed()));
    }
    return out;
  }

  /** A case file's retention: when it ends (null while the case is not closed) and the period. */
  public record CaseFileTerm(UUID caseId, java.time.Period period, Instant endsAt) {}

  /** The retention of a case's file, for a caller who may see the case. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CaseFileTerm caseFile(UUID caseId) {
    CaseRecords.CaseSummary c =
        cases.find(caseId).orElseThrow(() -> CustodiaException.notFound("case"));
    caller.requireSees(c.unitId(), "case", caseId);
    return new CaseFileTerm(
        caseId, rules.current().caseTypes().get(c.type()).period(), caseFileEnds(c));
  }

  // ------------------------------------------------------------------ the rules

  Computed compute(Evidence e, Retention.Flags flags, RetentionClass manual, Instant now) {
    RetentionRules.Rules r = rules.current();
    List<EvidenceLink> links = evidence.links(e.id());
    Set<UUID> caseIds = new LinkedHashSet<>();
    for (EvidenceLink l : links) {
      if (l.caseId() != null) {
        caseIds.add(l.caseId());
      }
    }
    RetentionClass automatic =
        caseIds.isEmpty() ? RetentionClass.NON_EVIDENCE : RetentionClass.WITH_CASE;
    if (flags.usedAsEvidence()) {
      automatic = RetentionClass.max(automatic, r.flags().get("usedAsEvidence"));
    }
    if (flags.obstruction()) {
      automatic = RetentionClass.max(automatic, r.flags().get("obstruction"));
    }
    if (flags.majorIncident()) {
      automatic = RetentionClass.max(automatic, r.flags().get("majorIncident"));
    }
    RetentionClass effective = manual == null ? automatic : manual;

    Instant start = e.recordedFrom() != null ? e.recordedFrom() : e.ingestedAt();
    Instant floor =
        start
            .atZone(r.zone())
            .plus(r.classes().get(RetentionClass.NON_EVIDENCE).minimum())
            .toInstant();
    String floorWhy =
        r.classes().get(RetentionClass.NON_EVIDENCE).minimum()
            + " from "
            + (e.recordedFrom() != null ? "the recorded start" : "ingest (recording time unknown)");

    List<Retention.CaseTerm> terms = new ArrayList<>();
    boolean open = false;
    Instant longest = null;
    UUID longestCase = null;
    for (UUID caseId : caseIds) {
      Optional<CaseRecords.CaseSummary> found = cases.find(caseId);
      if (found.isEmpty()) {
        continue;
      }
      CaseRecords.CaseSummary c = found.get();
      Instant ends = caseFileEnds(c);
      terms.add(new Retention.CaseTerm(c.id(), c.type(), c.status(), ends));
      if (ends == null) {
        open = true;
      } else if (longest == null || ends.isAfter(longest)) {
        longest = ends;
        longestCase = c.id();
      }
    }

    Instant deleteAfter;
    String why;
    switch (effective) {
      case PERMANENT -> {
        deleteAfter = null;
        why = "PERMANENT: never deleted";
      }
      case WITH_CASE -> {
        if (caseIds.isEmpty()) {
          deleteAfter = null;
          why = "WITH_CASE: kept until linked to a case and that case file's retention ends";
        } else if (open) {
          deleteAfter = null;
          why = "WITH_CASE: a linked case is not closed, so its file's retention end is unknown";
        } else if (longest == null || !longest.isAfter(floor)) {
          deleteAfter = floor;
          why = "WITH_CASE: the " + floorWhy + " outlasts the case files";
        } else {
          deleteAfter = longest;
          why = "WITH_CASE: the retention of case " + longestCase + "'s file (the longest)";
        }
      }
      default -> {
        deleteAfter = floor;
        why = "NON_EVIDENCE: " + floorWhy;
      }
    }
    if (manual != null && manual != automatic) {
      why = why + " (class set by hand, was " + automatic + ")";
    }
    List<Hold> active =
        holds.unlifted(e.id(), caseIds, evidence.subjectsOf(e.id())).stream()
            .filter(h -> h.active(now))
            .toList();
    return new Computed(automatic, effective, deleteAfter, why, terms, active);
  }

  /**
   * When a case file's retention ends: its type's period, counted (archives style) from 1 January
   * of the year after the case was decided; null while the case is not closed (or revoked).
   */
  Instant caseFileEnds(CaseRecords.CaseSummary c) {
    if (c.status() != CaseStatus.CLOSED && c.status() != CaseStatus.REVOKED) {
      return null;
    }
    RetentionRules.Rules r = rules.current();
    LocalDate decided =
        c.decisionDate() != null ? c.decisionDate() : c.updatedAt().atZone(r.zone()).toLocalDate();
    return LocalDate.of(decided.getYear() + 1, 1, 1)
        .plus(r.caseTypes().get(c.type()).period())
        .atStartOfDay(r.zone())
        .toInstant();
  }

  // ------------------------------------------------------------------ keeping it current

  /**
   * Recomputes one item, writes its row, and brings the store's protection up to it. Joins the
   * caller's transaction. {@code byCaller}: audit as the current caller (else as the service).
   */
  @Transactional
  public Optional<Retention> refresh(UUID id, String cause, boolean byCaller) {
    Evidence e = evidence.find(id).orElse(null);
    if (e == null) {
      return Optional.empty();
    }
    RetentionRepository.Item row = items.lock(id).orElse(null);
    if (row != null && row.disposed()) {
      return Optional.of(view(e, row, Instant.now()));
    }
    return Optional.of(
        apply(
            e,
            row,
            flags(row),
            row == null ? null : row.manualClass(),
            row == null ? null : row.manualReason(),
            cause,
            byCaller,
            null));
  }

  private Retention apply(
      Evidence e,
      RetentionRepository.Item row,
      Retention.Flags flags,
      RetentionClass manual,
      String manualReason,
      String cause,
      boolean byCaller,
      Map<String, Object> extra) {
    Instant now = Instant.now();
    RetentionRules.Rules r = rules.current();
    Computed c = compute(e, flags, manual, now);
    Instant retained = row == null ? null : row.retainedUntil();
    Instant target = c.deleteAfter();
    if (target == null) {
      // the end is unknown or never: a rolling retention, renewed before it runs out
      Instant horizon = now.atZone(r.zone()).plus(r.indefiniteHorizon()).toInstant();
      Instant renewBefore = now.plus(Duration.between(now, horizon).dividedBy(2));
      target = retained != null && retained.isAfter(renewBefore) ? retained : horizon;
    }
    target = target.truncatedTo(ChronoUnit.SECONDS);
    boolean extend = retained == null || target.isAfter(retained);
    Instant newRetained = extend ? target : retained;
    List<ReceiptObject> receiptObjects = receiptObjects(e.id());
    boolean receiptsRetained = row != null && row.receiptsRetained() && !extend;
    if (extend) {
      try {
        port.retain(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), newRetained);
      } catch (org.custodia.storage.ObjectMissingException missing) {
        // a lost original is fixity's finding, not a reason to refuse a link or a case change;
        // its retention is still computed and kept, and the store has nothing left to protect
        LOG.warnf("retention of %s: the original is not in the store", e.id());
      }
    }
    if (!receiptsRetained && !receiptObjects.isEmpty()) {
      for (ReceiptObject o : receiptObjects) {
        port.retain(o.bucket(), o.key(), o.versionId(), newRetained);
      }
      receiptsRetained = true;
    }
    boolean wasHeld = row != null && row.held();
    boolean receiptsNew = row == null || !row.receiptsRetained();
    if (c.held() != wasHeld || (c.held() && receiptsNew && !receiptObjects.isEmpty())) {
      if (c.held() != wasHeld) {
        try {
          port.legalHold(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), c.held());
        } catch (org.custodia.storage.ObjectMissingException missing) {
          LOG.warnf("legal hold of %s: the original is not in the store", e.id());
        }
      }
      for (ReceiptObject o : receiptObjects) {
        port.legalHold(o.bucket(), o.key(), o.versionId(), c.held());
      }
    }
    RetentionRepository.Item updated =
        new RetentionRepository.Item(
            e.id(),
            e.unitId(),
            c.effective(),
            manual,
            manual == null ? null : manualReason,
            flags.usedAsEvidence(),
            flags.obstruction(),
            flags.majorIncident(),
            c.deleteAfter(),
            shorten(c.why()),
            newRetained,
            receiptsRetained,
            c.held(),
            "KEPT",
            null);
    items.upsert(updated);
    evidence.mirrorRetention(e.id(), c.effective().name(), c.held());
    boolean changed =
        row != null
            && (row.retentionClass() != c.effective()
                || !Objects.equals(row.deleteAfter(), c.deleteAfter())
                || row.held() != c.held());
    if (changed || extra != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("cause", cause);
      details.put("fromClass", row == null ? null : row.retentionClass().name());
      details.put("toClass", c.effective().name());
      details.put(
          "fromDeleteAfter",
          row == null || row.deleteAfter() == null ? null : row.deleteAfter().toString());
      details.put("toDeleteAfter", c.deleteAfter() == null ? null : c.deleteAfter().toString());
      details.put("retainedUntil", newRetained.toString());
      details.put("legalHold", c.held());
      details.values().removeIf(Objects::isNull);
      if (extra != null) {
        details.putAll(extra);
      }
      AuditEvent.Target t = AuditEvent.Target.of("evidence", e.id());
      if (byCaller) {
        audit.record("retention.changed", t, details);
      } else {
        audit.recordSystem("retention.changed", t, details);
      }
    }
    return view(e, updated, now);
  }

  private static String shorten(String why) {
    return why.length() <= 200 ? why : why.substring(0, 199) + "…";
  }

  /** The receipt files of an item as stored now (with their versions); empty while unsigned. */
  List<ReceiptObject> receiptObjects(UUID id) {
    List<ReceiptObject> out = new ArrayList<>();
    for (String key : receipts.objectKeys(id)) {
      Optional<StoredObject> locked = store.stat(BucketRole.RECEIPTS, key, null);
      if (locked.isPresent()) {
        out.add(new ReceiptObject(BucketRole.RECEIPTS, key, locked.get().versionId()));
      } else {
        store
            .stat(BucketRole.DERIVED, key, null)
            .ifPresent(o -> out.add(new ReceiptObject(BucketRole.DERIVED, key, o.versionId())));
      }
    }
    return out;
  }

  /**
   * One receipt file as stored: in the locked {@code receipts} bucket, or, written before it
   * existed, in {@code derived} (decision 0018).
   */
  record ReceiptObject(BucketRole bucket, String key, String versionId) {}

  // ------------------------------------------------------------------ changing it by hand

  /** A change by hand: a class (null: back to the computed one) and flags, with a reason. */
  public record Change(
      RetentionClass retentionClass,
      boolean automatic,
      Boolean usedAsEvidence,
      Boolean obstruction,
      Boolean majorIncident,
      String reason) {}

  /**
   * Sets an item's class or flags (supervisors and administrators). A change that lets the item go
   * sooner (a lower class than the one in force) needs a reason; every change is audited.
   */
  @Transactional
  public Retention change(UUID id, Change change) {
    Evidence e = evidence.visible(id);
    if (caller.role() != Role.SUPERVISOR && caller.role() != Role.ADMIN) {
      throw new CustodiaException(
          ProblemType.FORBIDDEN, "only a supervisor or an administrator changes retention");
    }
    RetentionRepository.Item row = items.lock(id).orElse(null);
    if (row != null && row.disposed()) {
      throw new CustodiaException(ProblemType.EVIDENCE_DISPOSED, "the item was disposed of");
    }
    Retention.Flags old = flags(row);
    Retention.Flags flags =
        new Retention.Flags(
            change.usedAsEvidence() == null ? old.usedAsEvidence() : change.usedAsEvidence(),
            change.obstruction() == null ? old.obstruction() : change.obstruction(),
            change.majorIncident() == null ? old.majorIncident() : change.majorIncident());
    RetentionClass oldManual = row == null ? null : row.manualClass();
    RetentionClass manual =
        change.automatic()
            ? null
            : change.retentionClass() != null ? change.retentionClass() : oldManual;
    Instant now = Instant.now();
    RetentionClass before = compute(e, old, oldManual, now).effective();
    Computed after = compute(e, flags, manual, now);
    if (manual != null && manual == after.automatic()) {
      manual = null; // the same as the rules: nothing set by hand
    }
    String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason();
    boolean downgrade = !after.effective().atLeast(before);
    if (downgrade && reason == null) {
      throw CustodiaException.invalid(
          "reason", "a downgrade (" + before + " to " + after.effective() + ") states its reason");
    }
    if (manual != null && reason == null && Objects.equals(manual, oldManual)) {
      reason = row.manualReason();
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("downgrade", downgrade);
    extra.put("manualClass", manual == null ? "none" : manual.name());
    extra.put("usedAsEvidence", flags.usedAsEvidence());
    extra.put("obstruction", flags.obstruction());
    extra.put("majorIncident", flags.majorIncident());
    if (reason != null) {
      extra.put("reason", reason);
    }
    return apply(
        e,
        row,
        flags,
        manual,
        reason == null ? "set by hand" : reason,
        "changed by hand",
        true,
        extra);
  }

  // ------------------------------------------------------------------ hooks

  /** Linking to a case upgrades the item (a downgrade by hand gives way to the new link). */
  void onLinked(@Observes EvidenceLinked event) {
    RetentionRepository.Item row = items.lock(event.evidenceId()).orElse(null);
    if (row != null
        && event.caseId() != null
        && row.manualClass() != null
        && !row.manualClass().atLeast(RetentionClass.WITH_CASE)) {
      Evidence e = evidence.find(event.evidenceId()).orElseThrow();
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("manualClassCleared", row.manualClass().name());
      extra.put("caseId", event.caseId().toString());
      apply(e, row, flags(row), null, null, "linked to a case", true, extra);
      return;
    }
    refresh(event.evidenceId(), "linked", true);
  }

  /** A closed case fixes the end of its file's retention, so its items' dates move. */
  void onCaseChanged(@Observes CaseChanged event) {
    for (UUID id : evidence.linkedTo(event.caseId(), null)) {
      refresh(id, "case " + event.status().name().toLowerCase(java.util.Locale.ROOT), true);
    }
  }

  /**
   * A receipt signed after its item was protected gets the item's protection (retention, hold) as
   * soon as it is committed; the sweep protects it later if this fails.
   */
  void onReceiptSigned(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReceiptSigned event) {
    try {
      QuarkusTransaction.requiringNew()
          .run(() -> refresh(event.evidenceId(), "receipt signed", false));
    } catch (RuntimeException ex) {
      LOG.warnf("cannot protect the receipt of %s yet: %s", event.evidenceId(), ex.getMessage());
    }
  }

  /** A new item gets its row and its store protection once it is committed. */
  void onIngested(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvidenceIngested event) {
    try {
      QuarkusTransaction.requiringNew().run(() -> refresh(event.evidenceId(), "ingested", false));
    } catch (RuntimeException ex) {
      // the sweep protects it on its next run
      LOG.warnf("cannot protect new evidence %s yet: %s", event.evidenceId(), ex.getMessage());
    }
  }

  /**
   * Renews what needs renewing: rolling retention of items whose end is unknown, receipts signed
   * after the item was protected, holds that ran out. Returns how many items were refreshed.
   */
  public int sweep(int limit) {
    Instant renewBefore =
        Instant.now()
            .plus(
                Duration.between(
                        Instant.now(),
                        Instant.now()
                            .atZone(rules.current().zone())
                            .plus(rules.current().indefiniteHorizon())
                            .toInstant())
                    .dividedBy(2));
    int n = 0;
    for (UUID id : items.due(renewBefore, limit)) {
      try {
        QuarkusTransaction.requiringNew().run(() -> refresh(id, "sweep", false));
        n++;
      } catch (RuntimeException ex) {
        LOG.warnf("retention sweep: cannot refresh %s: %s", id, ex.getMessage());
      }
    }
    return n;
  }

  /** Whether an item may be deleted now, and if not why: the disposal's last check. */
  record Eligibility(boolean eligible, String why, Evidence evidence) {}

  @Transactional(Transactional.TxType.MANDATORY)
  Eligibility eligibility(UUID id, Instant now) {
    Evidence e = evidence.find(id).orElse(null);
    if (e == null) {
      return new Eligibility(false, "no such evidence", null);
    }
    RetentionRepository.Item row = items.lock(id).orElse(null);
    if (row == null) {
      return new Eligibility(false, "retention never computed", e);
    }
    if (row.disposed()) {
      return new Eligibility(false, "already disposed", e);
    }
    Computed c = compute(e, flags(row), row.manualClass(), now);
    if (c.held()) {
      return new Eligibility(false, "under legal hold", e);
    }
    if (c.deleteAfter() == null) {
      return new Eligibility(false, c.why(), e);
    }
    if (c.deleteAfter().isAfter(now)) {
      return new Eligibility(false, "within retention until " + c.deleteAfter(), e);
    }
    if (row.retainedUntil() != null && row.retainedUntil().isAfter(now)) {
      return new Eligibility(false, "locked in the store until " + row.retainedUntil(), e);
    }
    return new Eligibility(true, c.why(), e);
  }

  /** Whether the item's objects were deleted by a disposal (its row is a tombstone). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean disposed(UUID id) {
    return items.byId(id).map(RetentionRepository.Item::disposed).orElse(false);
  }

  /** Marks a deleted item's row as its tombstone. */
  @Transactional(Transactional.TxType.MANDATORY)
  void markDisposed(UUID id, Instant at) {
    RetentionRepository.Item row = items.lock(id).orElseThrow();
    items.upsert(
        new RetentionRepository.Item(
            row.evidenceId(),
            row.unitId(),
            row.retentionClass(),
            row.manualClass(),
            row.manualReason(),
            row.usedAsEvidence(),
            row.obstruction(),
            row.majorIncident(),
            row.deleteAfter(),
            row.why(),
            row.retainedUntil(),
            row.receiptsRetained(),
            false,
            "DISPOSED",
            at));
  }

  /** The expired, unheld items of a unit (all units when null), oldest retention end first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  List<UUID> expired(UUID unitId, Instant now, int limit) {
    return items.expired(unitId, now, limit);
  }

  /** Refreshes the items a hold reaches (placed or lifted). */
  void refreshCovered(Hold h, String cause) {
    List<UUID> ids =
        switch (h.scope()) {
          case EVIDENCE -> List.of(h.targetId());
          case CASE -> evidence.linkedTo(h.targetId(), null);
          case SUBJECT -> evidence.linkedTo(null, h.targetId());
        };
    for (UUID id : ids) {
      refresh(id, cause, true);
    }
  }
}
