package org.custodia.web;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseType;
import org.custodia.grading.GradingConfig;
import org.custodia.grading.Review;
import org.custodia.grading.SpotCheck;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserService;

/**
 * Turns the grading service's spot checks into what the spot-check pages and the home page show:
 * names instead of ids, times in the report zone, percentages for the bars. No rule lives here —
 * draws, assignments and visibility are {@code SpotCheckService}'s.
 */
@RequestScoped
public class SpotCheckViews {
  static final int PAGE_SIZE = 20;
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int USERS_PAGE = 500;

  private final UnitService units;
  private final UserService users;
  private final ZoneId zone;
  private final Map<UUID, String> unitNames = new HashMap<>();
  private final Map<UUID, String> userNames = new HashMap<>();

  SpotCheckViews(UnitService units, UserService users, GradingConfig grading) {
    this.units = units;
    this.users = users;
    this.zone = grading.reportZone();
  }

  /** A choice in a select. */
  public record Option(String value, String label, boolean selected) {}

  /** One bar segment: a grade, its count and its share of the total in percent. */
  public record Bar(String grade, int count, String percent) {}

  /** The grade distribution of one unit. */
  public record GradeBars(String unitName, int total, List<Bar> bars) {}

  /** A spot check as one row of a list, with its progress. */
  public record CheckRow(
      UUID id,
      String unitName,
      String period,
      String caseType,
      String seed,
      int drawn,
      int assigned,
      int reviewed,
      String percent,
      String createdAt) {}

  /** One drawn dossier on the spot-check page. */
  public record ItemRow(
      int position,
      UUID caseId,
      String caseNo,
      String caseType,
      String drawKey,
      String assigneeId,
      String assigneeName,
      boolean assigneeListed,
      String assignedAt,
      String grade,
      String reviewerName,
      String reviewedAt) {}

  /** The spot-check page. */
  public record CheckView(
      UUID id,
      String unitName,
      String period,
      String caseType,
      int size,
      String seed,
      int candidateCount,
      int drawnCount,
      boolean allCandidatesDrawn,
      String createdBy,
      String createdAt,
      SpotCheck.Progress progress,
      String percent,
      List<ItemRow> rows,
      List<Option> reviewers,
      GradeBars bars,
      String redraw) {}

  /** A dossier assigned to the signed-in reviewer. */
  public record AssignedRow(
      UUID caseId,
      String caseNo,
      String caseType,
      String unitName,
      String assignedAt,
      String grade,
      String reviewedAt) {}

  /** The signed-in reviewer's assignments with their progress. */
  public record Assignments(List<AssignedRow> rows, int total, int reviewed, String percent) {}

  CheckRow row(SpotCheck c) {
    return new CheckRow(
        c.id(),
        unitName(c.unitId()),
        period(c.from(), c.to()),
        c.caseType() == null ? null : c.caseType().name(),
        c.seed(),
        c.progress().drawn(),
        c.progress().assigned(),
        c.progress().reviewed(),
        percent(c.progress().reviewed(), c.progress().drawn()),
        time(c.createdAt()));
  }

  CheckView view(SpotCheck c) {
    List<Option> reviewers = reviewers(c.unitId());
    java.util.Set<String> listed = new java.util.HashSet<>();
    reviewers.forEach(o -> listed.add(o.value()));
    List<ItemRow> rows = new ArrayList<>();
    for (SpotCheck.Item i : c.items()) {
      SpotCheck.Reviewed r = i.review();
      rows.add(
          new ItemRow(
              i.position(),
              i.caseId(),
              i.caseNo(),
              i.caseType().name(),
              i.drawKey(),
              i.assigneeId() == null ? "" : i.assigneeId().toString(),
              i.assigneeId() == null ? null : userName(i.assigneeId()),
              i.assigneeId() != null && listed.contains(i.assigneeId().toString()),
              time(i.assignedAt()),
              r == null ? null : r.grade().name(),
              r == null ? null : userName(r.reviewerId()),
              r == null ? null : time(r.submittedAt())));
    }
    SpotCheck.Progress p = c.progress();
    String unit = unitName(c.unitId());
    return new CheckView(
        c.id(),
        unit,
        period(c.from(), c.to()),
        c.caseType() == null ? null : c.caseType().name(),
        c.size(),
        c.seed(),
        c.candidateCount(),
        c.drawnCount(),
        c.allCandidatesDrawn(),
        userName(c.createdBy()),
        time(c.createdAt()),
        p,
        percent(p.reviewed(), p.drawn()),
        rows,
        reviewers,
        bars(unit, p.excellent(), p.good(), p.pass(), p.fail()),
        redraw(c));
  }

  /**
   * The caller's assignments: always for a reviewer (an empty list says so), for a supervisor only
   * when there are some; null for roles that cannot be assigned.
   */
  Assignments assignmentsOf(Role role, org.custodia.grading.SpotCheckService spotChecks) {
    if (role != Role.REVIEWER && role != Role.SUPERVISOR) {
      return null;
    }
    Assignments mine = assignments(spotChecks.assignedToCaller());
    return role == Role.SUPERVISOR && mine.total() == 0 ? null : mine;
  }

  Assignments assignments(List<SpotCheck.Assigned> assigned) {
    List<AssignedRow> rows = new ArrayList<>();
    int reviewed = 0;
    for (SpotCheck.Assigned a : assigned) {
      SpotCheck.Reviewed r = a.review();
      if (r != null) {
        reviewed++;
      }
      rows.add(
          new AssignedRow(
              a.caseId(),
              a.caseNo(),
              a.caseType().name(),
              unitName(a.unitId()),
              time(a.assignedAt()),
              r == null ? null : r.grade().name(),
              r == null ? null : time(r.submittedAt())));
    }
    return new Assignments(rows, rows.size(), reviewed, percent(reviewed, rows.size()));
  }

  List<GradeBars> distribution(List<Review.Distribution> perUnit) {
    return perUnit.stream()
        .map(d -> bars(unitName(d.unitId()), d.excellent(), d.good(), d.pass(), d.fail()))
        .sorted(java.util.Comparator.comparing(GradeBars::unitName))
        .toList();
  }

  /** The units the caller may draw from, {@code selected} marked. */
  List<Option> unitOptions(String selected, UUID onlyUnit) {
    List<Option> out = new ArrayList<>();
    UUID after = null;
    while (true) {
      List<Unit> page = units.list(onlyUnit, null, after, USERS_PAGE);
      for (Unit u : page) {
        out.add(
            new Option(
                u.id().toString(),
                u.code() + " · " + u.name(),
                u.id().toString().equals(selected)));
      }
      if (page.size() < USERS_PAGE) {
        return out;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /** Case types for the draw form's select. */
  static List<Option> typeOptions(String selected) {
    List<Option> out = new ArrayList<>();
    for (CaseType t : CaseType.values()) {
      out.add(new Option(t.name(), t.name(), t.name().equals(selected)));
    }
    return out;
  }

  /**
   * Who may be assigned a case of {@code unit} (the service decides; this only offers the likely
   * ones): enabled reviewers of the unit, then enabled supervisors.
   */
  private List<Option> reviewers(UUID unit) {
    List<Option> own = new ArrayList<>();
    for (User u : allUsers(unit)) {
      if (u.enabled() && u.role() == Role.REVIEWER) {
        own.add(new Option(u.id().toString(), u.username(), false));
      }
    }
    List<Option> supervisors = new ArrayList<>();
    for (User u : allUsers(null)) {
      if (u.enabled() && u.role() == Role.SUPERVISOR) {
        supervisors.add(new Option(u.id().toString(), u.username(), true));
      }
    }
    own.sort(java.util.Comparator.comparing(Option::label));
    supervisors.sort(java.util.Comparator.comparing(Option::label));
    own.addAll(supervisors);
    return own;
  }

  private List<User> allUsers(UUID unit) {
    List<User> out = new ArrayList<>();
    UUID after = null;
    while (true) {
      List<User> page = users.list(unit, after, USERS_PAGE);
      out.addAll(page);
      if (page.size() < USERS_PAGE) {
        return out;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private String redraw(SpotCheck c) {
    StringBuilder s =
        new StringBuilder("/spot-checks/new?unitId=")
            .append(c.unitId())
            .append("&from=")
            .append(c.from())
            .append("&to=")
            .append(c.to())
            .append("&size=")
            .append(c.size());
    if (c.caseType() != null) {
      s.append("&caseType=").append(c.caseType().name());
    }
    s.append("&seed=")
        .append(java.net.URLEncoder.encode(c.seed(), java.nio.charset.StandardCharsets.UTF_8));
    return s.toString();
  }

  static GradeBars bars(String unit, int excellent, int good, int pass, int fail) {
    int total = excellent + good + pass + fail;
    return new GradeBars(
        unit,
        total,
        List.of(
            bar("EXCELLENT", excellent, total),
            bar("GOOD", good, total),
            bar("PASS", pass, total),
            bar("FAIL", fail, total)));
  }

  private static Bar bar(String grade, int count, int total) {
    return new Bar(grade, count, percent(count, total));
  }

  /** {@code part} of {@code whole} in percent, one decimal, "0" for an empty whole. */
  static String percent(int part, int whole) {
    if (whole == 0) {
      return "0";
    }
    return java.math.BigDecimal.valueOf(part * 100.0 / whole)
        .setScale(1, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  String unitName(UUID id) {
    if (id == null) {
      return "";
    }
    return unitNames.computeIfAbsent(
        id, k -> units.byId(k).map(Unit::name).orElse(k.toString().substring(0, 8)));
  }

  String userName(UUID id) {
    if (id == null) {
      return "";
    }
    return userNames.computeIfAbsent(
        id, k -> users.byId(k).map(User::username).orElse(k.toString().substring(0, 8)));
  }

  String time(Instant t) {
    return t == null ? null : MINUTES.format(t.atZone(zone));
  }

  static String period(LocalDate from, LocalDate to) {
    return from + " – " + to;
  }

  ZoneId zone() {
    return zone;
  }
}
