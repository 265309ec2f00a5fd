package org.custodia.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CertificateEvent;
import org.custodia.dossier.CertificateStatus;
import org.custodia.review.Coverage;

/**
 * The rules engine: pure, over facts loaded once ({@link DossierFacts}). The rule set is data
 * ({@link RuleSet}); this class knows what each rule code checks and reads its parameters, refusing
 * a rule set it cannot apply (unknown code, missing or wrong parameter) when it is built.
 *
 * <ul>
 *   <li>{@value #MANDATORY}: an action of a type in {@code actionTypes} that no recording covers.
 *   <li>{@value #GAP}: in an action of a type in {@code actionTypes} with recordings, each stretch
 *       of the window no recording covers longer than {@code toleranceSeconds} ({@link Coverage}).
 *   <li>{@value #CERTIFIED}: a recording by an officer whose certificate at the recording's start
 *       had a status not in {@code certificateStatuses} or was not valid that day; or by auxiliary
 *       staff while no recording of a responsible officer of the action runs in its window.
 *   <li>{@value #LATE}: a recording uploaded more than {@code maxDelayHours} after it ended.
 *   <li>{@value #TWO_OFFICERS}: an action with recordings that show fewer than {@code minOfficers}
 *       officers (auxiliary staff do not count).
 *   <li>{@value #RECOMMENDED}: an action of a type in {@code actionTypes} with no recording.
 * </ul>
 */
public final class RuleEngine {
  static final String MANDATORY = "mandatory-recording";
  static final String GAP = "coverage-gap";
  static final String CERTIFIED = "officer-not-certified";
  static final String LATE = "late-upload";
  static final String TWO_OFFICERS = "two-officers";
  static final String RECOMMENDED = "recommended-recording";
  static final Set<String> CODES =
      Set.of(MANDATORY, GAP, CERTIFIED, LATE, TWO_OFFICERS, RECOMMENDED);

  private final RuleSet set;
  private final ZoneId zone;
  private RuleSet.Rule mandatory;
  private Set<ActionType> mandatoryTypes;
  private RuleSet.Rule gap;
  private Set<ActionType> gapTypes;
  private Duration tolerance;
  private RuleSet.Rule certified;
  private Set<CertificateStatus> statuses;
  private RuleSet.Rule late;
  private long lateMs;
  private RuleSet.Rule two;
  private int minOfficers;
  private RuleSet.Rule recommended;
  private Set<ActionType> recommendedTypes;

  /**
   * The engine for {@code set}; certificate validity days are judged in {@code zone}.
   *
   * @throws IllegalArgumentException naming the rule and parameter it cannot apply
   */
  public RuleEngine(RuleSet set, ZoneId zone) {
    this.set = set;
    this.zone = zone;
    for (RuleSet.Rule r : set.rules()) {
      String at = "rule " + r.code() + ": ";
      JsonNode p = r.parameters();
      switch (r.code()) {
        case MANDATORY -> {
          mandatory = r;
          mandatoryTypes = actionTypes(p, at);
        }
        case GAP -> {
          gap = r;
          gapTypes = actionTypes(p, at);
          tolerance = Duration.ofSeconds(number(p, "toleranceSeconds", 0, 86_400, at));
        }
        case CERTIFIED -> {
          certified = r;
          statuses = EnumSet.noneOf(CertificateStatus.class);
          for (String s : strings(p, "certificateStatuses", at)) {
            statuses.add(value(CertificateStatus.class, s, "certificateStatuses", at));
          }
        }
        case LATE -> {
          late = r;
          lateMs = Duration.ofHours(number(p, "maxDelayHours", 0, 24 * 366, at)).toMillis();
        }
        case TWO_OFFICERS -> {
          two = r;
          minOfficers = (int) number(p, "minOfficers", 1, 10, at);
        }
        case RECOMMENDED -> {
          recommended = r;
          recommendedTypes = actionTypes(p, at);
        }
        default -> throw new IllegalArgumentException(at + "no such rule; known: " + CODES);
      }
    }
  }

  public RuleSet ruleSet() {
    return set;
  }

  /** Every finding of the rules in {@code f}, by start of span, then rule, then fingerprint. */
  public List<Finding> evaluate(DossierFacts f) {
    List<Finding> out = new ArrayList<>();
    List<DossierFacts.Recording> during = new ArrayList<>();
    for (CaseRecords.Action a : f.actions()) {
      during.clear();
      for (DossierFacts.Recording r : f.recordings()) {
        if (r.overlaps(a.from(), a.to())) {
          during.add(r);
        }
      }
      action(f, a, during, out);
    }
    for (DossierFacts.Recording r : f.recordings()) {
      recording(f, r, out);
    }
    out.sort(
        Comparator.comparing(Finding::from)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::fingerprint));
    return out;
  }

  private void action(
      DossierFacts f,
      CaseRecords.Action a,
      List<DossierFacts.Recording> during,
      List<Finding> out) {
    ActionType type = a.type();
    if (during.isEmpty()) {
      if (mandatory != null && mandatoryTypes.contains(type)) {
        out.add(
            finding(
                mandatory,
                a.id(),
                List.of(),
                a.from(),
                a.to(),
                Finding.Detail.of(
                    "no-recording", "no recording of the " + type + " action", type)));
      }
      if (recommended != null && recommendedTypes.contains(type)) {
        out.add(
            finding(
                recommended,
                a.id(),
                List.of(),
                a.from(),
                a.to(),
                Finding.Detail.of(
                    "no-recording", "no recording of the " + type + " action", type)));
      }
      return;
    }
    if (gap != null && gapTypes.contains(type)) {
      List<Coverage.Interval> intervals = new ArrayList<>(during.size());
      for (DossierFacts.Recording r : during) {
        intervals.add(new Coverage.Interval(r.id(), r.from(), r.to()));
      }
      for (Coverage.Span s : Coverage.of(a.from(), a.to(), intervals, tolerance).gaps()) {
        out.add(
            finding(
                gap,
                a.id(),
                List.of(),
                s.from(),
                s.to(),
                Finding.Detail.of(
                    "gap",
                    "no recording for "
                        + s.durationMs() / 1000
                        + " s (tolerance "
                        + tolerance.toSeconds()
                        + " s)",
                    s.durationMs() / 1000,
                    tolerance.toSeconds())));
      }
    }
    Set<UUID> shown = new HashSet<>();
    boolean responsibleRecorded = false;
    for (DossierFacts.Recording r : during) {
      DossierFacts.OfficerFacts o = r.officerId() == null ? null : f.officers().get(r.officerId());
      if (o != null && !o.auxiliary()) {
        shown.add(o.id());
        responsibleRecorded |= a.officerIds().contains(o.id());
      }
    }
    if (two != null && shown.size() < minOfficers) {
      out.add(
          finding(
              two,
              a.id(),
              ids(during),
              a.from(),
              a.to(),
              Finding.Detail.of(
                  "too-few-officers",
                  "the recordings show " + shown.size() + " officer(s), fewer than " + minOfficers,
                  shown.size(),
                  minOfficers)));
    }
    if (certified != null && !responsibleRecorded) {
      for (DossierFacts.Recording r : during) {
        DossierFacts.OfficerFacts o =
            r.officerId() == null ? null : f.officers().get(r.officerId());
        if (o != null && o.auxiliary()) {
          out.add(
              finding(
                  certified,
                  a.id(),
                  List.of(r.id()),
                  r.from(),
                  r.to(),
                  Finding.Detail.of(
                      "auxiliary-without-responsible",
                      "recorded by auxiliary staff with no recording of a responsible officer of"
                          + " the action")));
        }
      }
    }
  }

  private void recording(DossierFacts f, DossierFacts.Recording r, List<Finding> out) {
    if (late != null
        && r.uploadedAt() != null
        && r.uploadedAt().toEpochMilli() - r.to().toEpochMilli() > lateMs) {
      long minutes = Duration.between(r.to(), r.uploadedAt()).toMinutes();
      out.add(
          finding(
              late,
              null,
              List.of(r.id()),
              r.to(),
              r.uploadedAt(),
              Finding.Detail.of(
                  "late",
                  "uploaded "
                      + minutes / 60
                      + " h "
                      + minutes % 60
                      + " min after the recording ended",
                  minutes / 60,
                  minutes % 60)));
    }
    DossierFacts.OfficerFacts o = r.officerId() == null ? null : f.officers().get(r.officerId());
    if (certified == null || o == null) {
      return;
    }
    if (o.auxiliary()) {
      // auxiliary staff outside every action: a certified officer's recording must run alongside
      boolean inAction = false;
      for (CaseRecords.Action a : f.actions()) {
        inAction |= r.overlaps(a.from(), a.to());
      }
      if (!inAction && !officerAlongside(f, r)) {
        out.add(
            finding(
                certified,
                null,
                List.of(r.id()),
                r.from(),
                r.to(),
                Finding.Detail.of(
                    "auxiliary-alone",
                    "recorded by auxiliary staff with no officer's recording alongside")));
      }
      return;
    }
    Finding.Detail why = uncertified(o, r.from());
    if (why != null) {
      out.add(finding(certified, null, List.of(r.id()), r.from(), r.to(), why));
    }
  }

  private static boolean officerAlongside(DossierFacts f, DossierFacts.Recording aux) {
    for (DossierFacts.Recording r : f.recordings()) {
      DossierFacts.OfficerFacts o = r.officerId() == null ? null : f.officers().get(r.officerId());
      if (o != null
          && !o.auxiliary()
          && r.overlaps(
              aux.from(), aux.to().equals(aux.from()) ? aux.from().plusNanos(1) : aux.to())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why the officer could not enforce at {@code at}, or null. The certificate at {@code at} is the
   * last history entry changed at or before it; before the first entry (a recording older than the
   * officer's registration), the first entry: the registry knows nothing earlier.
   */
  Finding.Detail uncertified(DossierFacts.OfficerFacts o, Instant at) {
    CertificateEvent current = null;
    for (CertificateEvent e : o.history()) {
      if (current == null || !e.changedAt().isAfter(at)) {
        current = e;
      }
    }
    if (current == null || current.status() == null) {
      return Finding.Detail.of("no-certificate", "the officer has no enforcement certificate");
    }
    if (!statuses.contains(current.status())) {
      return Finding.Detail.of(
          "certificate-status",
          "the certificate was " + current.status() + " at recording time",
          current.status());
    }
    LocalDate day = at.atZone(zone).toLocalDate();
    if ((current.validFrom() != null && day.isBefore(current.validFrom()))
        || (current.validUntil() != null && day.isAfter(current.validUntil()))) {
      return Finding.Detail.of(
          "certificate-invalid", "the certificate was not valid on " + day, day);
    }
    return null;
  }

  private static Finding finding(
      RuleSet.Rule rule,
      UUID actionId,
      List<UUID> evidenceIds,
      Instant from,
      Instant to,
      Finding.Detail detail) {
    return new Finding(
        rule.code(),
        rule.version(),
        rule.severity(),
        rule.clause(),
        actionId,
        evidenceIds,
        from,
        to,
        detail.text(),
        detail.code(),
        detail.args());
  }

  private static List<UUID> ids(List<DossierFacts.Recording> recordings) {
    List<UUID> ids = new ArrayList<>(recordings.size());
    for (DossierFacts.Recording r : recordings) {
      ids.add(r.id());
    }
    ids.sort(Comparator.naturalOrder());
    return List.copyOf(ids);
  }

  private static Set<ActionType> actionTypes(JsonNode p, String at) {
    Set<ActionType> types = EnumSet.noneOf(ActionType.class);
    for (String s : strings(p, "actionTypes", at)) {
      types.add(value(ActionType.class, s, "actionTypes", at));
    }
    return types;
  }

  private static List<String> strings(JsonNode p, String name, String at) {
    JsonNode n = p == null ? null : p.get(name);
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw new IllegalArgumentException(at + "parameter " + name + " must be a non-empty list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException(at + "parameter " + name + " must list names");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static long number(JsonNode p, String name, long min, long max, String at) {
    JsonNode n = p == null ? null : p.get(name);
    if (n == null
        || !n.canConvertToLong()
        || !n.isIntegralNumber()
        || n.asLong() < min
        || n.asLong() > max) {
      throw new IllegalArgumentException(
          at + "parameter " + name + " must be a whole number from " + min + " to " + max);
    }
    return n.asLong();
  }

  private static <E extends Enum<E>> E value(Class<E> type, String s, String name, String at) {
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          at + "parameter " + name + " names " + s + ", not one of " + EnumSet.allOf(type));
    }
  }
}
