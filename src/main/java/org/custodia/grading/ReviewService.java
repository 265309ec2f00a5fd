package org.custodia.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.custodia.support.Text;

/**
 * Reviews of dossiers. A draft belongs to its author (nobody else sees or edits it); submission
 * needs a grade and a finding and freezes the review forever (here, and in the database by the
 * trigger case_review_frozen). A correction is a new review of the same case that names the
 * submitted review it corrects; once submitted, the corrected review shows it as {@code
 * correctedBy}.
 */
@ApplicationScoped
@Transactional
public class ReviewService {
  public static final int MAX_ENTRIES = 50;
  public static final int MAX_REFERENCES = 50;
  public static final int MAX_COMMENT = 4000;
  public static final int MAX_FINDING = 20000;

  private final ReviewRepository reviews;
  private final CaseService cases;
  private final EvidenceService evidence;
  private final NoteService notes;
  private final Criteria criteria;
  private final AuditService audit;
  private final Caller caller;

  ReviewService(
      ReviewRepository reviews,
      CaseService cases,
      EvidenceService evidence,
      NoteService notes,
      Criteria criteria,
      AuditService audit,
      Caller caller) {
    this.reviews = reviews;
    this.cases = cases;
    this.evidence = evidence;
    this.notes = notes;
    this.criteria = criteria;
    this.audit = audit;
    this.caller = caller;
  }

  /**
   * Starts a draft review of a case the caller may see; {@code corrects}, when given, names the
   * submitted review of the same case this one corrects.
   */
  public Review create(UUID caseId, UUID corrects, Review.Content content) {
    CaseRecords.Dossier dossier = cases.get(caseId);
    if (corrects != null) {
      Review target =
          reviews
              .byId(corrects)
              .filter(r -> r.caseId().equals(caseId))
              .filter(r -> r.state() == ReviewState.SUBMITTED)
              .orElseThrow(
                  () ->
                      CustodiaException.invalid(
                          "corrects", "corrects must name a submitted review of the same case"));
      requireUncorrected(target);
    }
    check(content, dossier.unitId());
    Instant now = now();
    Review review =
        new Review(
            Ids.newId(),
            caseId,
            dossier.unitId(),
            caller.id(),
            ReviewState.DRAFT,
            criteria.current().version(),
            content.grade(),
            content.entries(),
            content.finding(),
            corrects,
            null,
            now,
            now,
            null);
    reviews.insert(review);
    Map<String, Object> details = details(review);
    audit.record(
        corrects == null ? "review.draft-created" : "review.correction-created",
        AuditEvent.Target.of("review", review.id()),
        details);
    return review;
  }

  /** Replaces the content of the caller's own draft. */
  public Review update(UUID id, Review.Content content) {
    Review draft = ownDraft(id);
    check(content, draft.unitId());
    Review changed =
        new Review(
            draft.id(),
            draft.caseId(),
            draft.unitId(),
            draft.reviewerId(),
            ReviewState.DRAFT,
            criteria.current().version(),
            content.grade(),
            content.entries(),
            content.finding(),
            draft.corrects(),
            null,
            draft.createdAt(),
            now(),
            null);
    reviews.update(changed);
    audit.record("review.draft-updated", AuditEvent.Target.of("review", id), details(changed));
    return changed;
  }

  /** Submits the caller's own draft: grade and finding required; read-only from then on. */
  public Review submit(UUID id) {
    Review draft = ownDraft(id);
    if (draft.grade() == null) {
      throw CustodiaException.invalid("grade", "a review is submitted with its grade");
    }
    if (draft.finding() == null || draft.finding().isBlank()) {
      throw CustodiaException.invalid("finding", "a review is submitted with its overall finding");
    }
    check(new Review.Content(draft.grade(), draft.entries(), draft.finding()), draft.unitId());
    if (draft.corrects() != null) {
      requireUncorrected(reviews.lock(draft.corrects()).orElseThrow());
    }
    Instant now = now();
    Review submitted =
        new Review(
            draft.id(),
            draft.caseId(),
            draft.unitId(),
            draft.reviewerId(),
            ReviewState.SUBMITTED,
            criteria.current().version(),
            draft.grade(),
            draft.entries(),
            draft.finding(),
            draft.corrects(),
            null,
            draft.createdAt(),
            now,
            now);
    try {
      reviews.update(submitted);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.ALREADY_CORRECTED, "the review is corrected already", "corrects");
      }
      throw e;
    }
    Map<String, Object> details = details(submitted);
    details.put("grade", submitted.grade().name());
    audit.record("review.submitted", AuditEvent.Target.of("review", id), details);
    if (draft.corrects() != null) {
      Map<String, Object> corrected = new LinkedHashMap<>();
      corrected.put("correctedBy", id.toString());
      corrected.put("caseId", draft.caseId().toString());
      audit.record("review.corrected", AuditEvent.Target.of("review", draft.corrects()), corrected);
    }
    return submitted;
  }

  /** A review the caller may see: a submitted review of a unit they see, or their own draft. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Review get(UUID id) {
    Review r = reviews.byId(id).orElseThrow(() -> CustodiaException.notFound("review"));
    caller.requireSees(r.unitId(), "review", id);
    if (r.state() == ReviewState.DRAFT && !r.reviewerId().equals(caller.id())) {
      throw CustodiaException.notFound("review");
    }
    return r;
  }

  /** The reviews of a case the caller may see, oldest first (their own drafts included). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Review> forCase(UUID caseId) {
    cases.get(caseId);
    return reviews.forCase(caseId, caller.id());
  }

  /** One page of reviews, newest first, scoped to the units the caller sees. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Review> search(Review.Filter filter, UUID before, int limit) {
    Review.Filter scoped =
        new Review.Filter(
            scope(filter.unitId()),
            filter.grade(),
            filter.reviewerId(),
            filter.from(),
            filter.to(),
            filter.state());
    return Page.of(reviews.search(scoped, caller.id(), before, limit + 1), limit, Review::id);
  }

  /**
   * The grades of the current submitted reviews (those no submitted correction replaced), submitted
   * in [from, to), per unit the caller sees.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Review.Distribution> distribution(UUID unitId, Instant from, Instant to) {
    return reviews.distribution(scope(unitId), from, to);
  }

  /** The latest current submitted review of a case submitted since {@code since}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<Review> currentSince(UUID caseId, Instant since) {
    return reviews.currentSince(caseId, since);
  }

  /** A review whoever asks: for the rules and reports of this package. */
  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<Review> find(UUID id) {
    return reviews.byId(id);
  }

  /** The unit a list is restricted to: as asked for global roles, the caller's own otherwise. */
  private UUID scope(UUID requested) {
    if (caller.global()) {
      return requested;
    }
    UUID own = caller.unitId();
    if (own == null || (requested != null && !requested.equals(own))) {
      return new UUID(0, 0);
    }
    return own;
  }

  private Review ownDraft(UUID id) {
    Review r = reviews.lock(id).orElseThrow(() -> CustodiaException.notFound("review"));
    caller.requireSees(r.unitId(), "review", id);
    if (!r.reviewerId().equals(caller.id())) {
      // another reviewer's draft does not exist for the caller; a submitted one is read-only
      if (r.state() == ReviewState.DRAFT) {
        throw CustodiaException.notFound("review");
      }
      throw new CustodiaException(
          ProblemType.REVIEW_SUBMITTED, "a submitted review is read-only", "state");
    }
    if (r.state() != ReviewState.DRAFT) {
      throw new CustodiaException(
          ProblemType.REVIEW_SUBMITTED,
          "a submitted review is read-only; a correction is a new review naming it in corrects",
          "state");
    }
    return r;
  }

  private void requireUncorrected(Review target) {
    if (target.correctedBy() != null) {
      throw new CustodiaException(
          ProblemType.ALREADY_CORRECTED,
          "the review is corrected already by " + target.correctedBy(),
          "corrects");
    }
  }

  /** The rules of a draft's content: known criteria once each, exact text, records of the unit. */
  private void check(Review.Content content, UUID unitId) {
    if (content.finding() != null) {
      Text.require("finding", content.finding());
      if (content.finding().length() > MAX_FINDING) {
        throw CustodiaException.invalid(
            "finding", "finding must be at most " + MAX_FINDING + " characters");
      }
    }
    List<Review.Entry> entries = content.entries();
    if (entries.size() > MAX_ENTRIES) {
      throw CustodiaException.invalid("entries", "at most " + MAX_ENTRIES + " entries");
    }
    Criteria.CriteriaSet set = criteria.current();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Review.Entry e = entries.get(i);
      String at = "entries[" + i + "]";
      if (e == null) {
        throw CustodiaException.invalid(at, at + " must not be null");
      }
      if (e.criterion() == null || !set.has(e.criterion())) {
        throw CustodiaException.invalid(
            at + ".criterion",
            "unknown criterion "
                + e.criterion()
                + " (criteria version "
                + set.version()
                + ", GET /api/v1/review-criteria)");
      }
      if (!seen.add(e.criterion())) {
        throw CustodiaException.invalid(at + ".criterion", "criterion " + e.criterion() + " twice");
      }
      if (e.comment() != null) {
        Text.require(at + ".comment", e.comment());
        if (e.comment().length() > MAX_COMMENT) {
          throw CustodiaException.invalid(
              at + ".comment", "a comment must be at most " + MAX_COMMENT + " characters");
        }
      }
      if (e.evidenceIds().size() > MAX_REFERENCES || e.noteIds().size() > MAX_REFERENCES) {
        throw CustodiaException.invalid(at, "at most " + MAX_REFERENCES + " references each");
      }
      for (int j = 0; j < e.evidenceIds().size(); j++) {
        UUID ref = e.evidenceIds().get(j);
        String field = at + ".evidenceIds[" + j + "]";
        if (ref == null || evidence.find(ref).filter(x -> x.unitId().equals(unitId)).isEmpty()) {
          throw CustodiaException.invalid(field, "no such evidence in the case's unit");
        }
      }
      for (int j = 0; j < e.noteIds().size(); j++) {
        UUID ref = e.noteIds().get(j);
        String field = at + ".noteIds[" + j + "]";
        if (ref == null || notes.find(ref).filter(n -> n.unitId().equals(unitId)).isEmpty()) {
          throw CustodiaException.invalid(field, "no such note in the case's unit");
        }
      }
    }
  }

  private static Map<String, Object> details(Review r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("caseId", r.caseId().toString());
    d.put("unitId", r.unitId().toString());
    d.put("criteriaVersion", r.criteriaVersion());
    if (r.corrects() != null) {
      d.put("corrects", r.corrects().toString());
    }
    d.put(
        "evidenceIds",
        r.entries().stream()
            .flatMap(e -> e.evidenceIds().stream())
            .distinct()
            .map(UUID::toString)
            .toList());
    d.put(
        "noteIds",
        r.entries().stream()
            .flatMap(e -> e.noteIds().stream())
            .distinct()
            .map(UUID::toString)
            .toList());
    return d;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
