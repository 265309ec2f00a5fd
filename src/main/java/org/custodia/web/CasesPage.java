package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custodia.compliance.ComplianceService;
import org.custodia.compliance.ComplianceStatus;
import org.custodia.dossier.CaseQuery;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.CaseType;
import org.custodia.dossier.FreeText;
import org.custodia.dossier.RegistryConfig;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dossier search at {@code /cases}: the registry's filters, the count, sorting and keyset
 * paging (next and previous), all from {@link CaseService} exactly as {@code GET /api/v1/cases}.
 * The address carries every filter, so a search can be shared; htmx swaps only the results.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class CasesPage {
  /** Cases per page. */
  static final int PAGE_SIZE = 20;

  /** Most cases per page a {@code limit} parameter may ask for. */
  static final int MAX_PAGE_SIZE = 100;

  /** Most units offered in the unit select. */
  private static final int MAX_UNITS = 500;

  private final CaseService cases;
  private final ComplianceService compliance;
  private final UnitService units;
  private final Caller caller;
  private final ZoneId zone;

  CasesPage(
      CaseService cases,
      ComplianceService compliance,
      UnitService units,
      Caller caller,
      RegistryConfig registry) {
    this.cases = cases;
    this.compliance = compliance;
    this.units = units;
    this.caller = caller;
    this.zone = registry.timeZone();
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance search(Search search);
  }

  /** The form as filled in (texts as typed, so that the form shows them again). */
  public record Form(
      String q,
      String caseNo,
      String unit,
      String type,
      String status,
      String subject,
      String officer,
      String from,
      String to,
      String sort,
      String limit) {}

  /**
   * One listed case with its unit's name (shown to callers who see several units) and its
   * compliance status as last computed ("" when never).
   */
  public record Row(
      CaseRecords.CaseSummary c, String unitName, String type, String status, String compliance) {}

  /** A unit of the unit select. */
  public record UnitOption(String id, String name) {}

  /** What the search page shows. */
  public record Search(
      Form form,
      boolean severalUnits,
      List<UnitOption> units,
      List<String> types,
      List<String> statuses,
      List<String> sorts,
      List<Row> rows,
      long total,
      String nextHref,
      String previousHref,
      boolean filtered) {}

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance search(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("caseNo") @Size(max = 64) String caseNo,
      @QueryParam("unit") UUID unit,
      @QueryParam("type") CaseType type,
      @QueryParam("status") CaseStatus status,
      @QueryParam("subject") @Size(max = FreeText.MAX_LENGTH) String subject,
      @QueryParam("officer") @Size(max = FreeText.MAX_LENGTH) String officer,
      @QueryParam("from") LocalDate from,
      @QueryParam("to") LocalDate to,
      @QueryParam("sort") CaseQuery.Sort sort,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    if (limit != null && (limit < 1 || limit > MAX_PAGE_SIZE)) {
      throw CustodiaException.invalid("limit", "limit must be between 1 and " + MAX_PAGE_SIZE);
    }
    int size = limit == null ? PAGE_SIZE : limit;
    CaseQuery.Sort order = sort == null ? CaseQuery.Sort.NEWEST : sort;
    CaseQuery.Filter filter =
        new CaseQuery.Filter(
            unit,
            q,
            caseNo,
            null,
            null,
            type,
            status,
            from == null ? null : from.atStartOfDay(zone).toInstant(),
            to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(),
            subject,
            officer);
    CaseService.CaseSearch page = cases.browse(filter, order, cursor, size, true);

    boolean several = caller.global();
    List<Unit> unitList = several ? units.list(null, null, null, MAX_UNITS) : List.of();
    Map<UUID, String> unitNames =
        unitList.stream().collect(Collectors.toMap(Unit::id, Unit::name, (a, b) -> a));
    Map<UUID, ComplianceStatus> checked =
        compliance.lastStatuses(page.items().stream().map(CaseRecords.CaseSummary::id).toList());
    List<Row> rows =
        page.items().stream()
            .map(
                c ->
                    new Row(
                        c,
                        unitNames.getOrDefault(c.unitId(), ""),
                        c.type().name(),
                        c.status().name(),
                        checked.containsKey(c.id()) ? checked.get(c.id()).name() : ""))
            .toList();

    Map<String, String> params = new LinkedHashMap<>();
    put(params, "q", q);
    put(params, "caseNo", caseNo);
    put(params, "unit", unit, UUID::toString);
    put(params, "type", type, Enum::name);
    put(params, "status", status, Enum::name);
    put(params, "subject", subject);
    put(params, "officer", officer);
    put(params, "from", from, LocalDate::toString);
    put(params, "to", to, LocalDate::toString);
    boolean filtered = !params.isEmpty();
    if (sort != null) {
      params.put("sort", sort.name());
    }
    if (limit != null) {
      params.put("limit", limit.toString());
    }
    Form form =
        new Form(
            text(q),
            text(caseNo),
            unit == null ? "" : unit.toString(),
            type == null ? "" : type.name(),
            status == null ? "" : status.name(),
            text(subject),
            text(officer),
            from == null ? "" : from.toString(),
            to == null ? "" : to.toString(),
            order.name(),
            limit == null ? "" : limit.toString());
    return Templates.search(
        new Search(
            form,
            several,
            unitList.stream().map(u -> new UnitOption(u.id().toString(), u.name())).toList(),
            names(CaseType.values()),
            names(CaseStatus.values()),
            names(CaseQuery.Sort.values()),
            rows,
            page.total() == null ? 0 : page.total(),
            href(params, page.nextCursor()),
            href(params, page.previousCursor()),
            filtered));
  }

  static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static void put(Map<String, String> params, String name, String value) {
    if (value != null && !value.isBlank()) {
      params.put(name, value);
    }
  }

  private static <T> void put(
      Map<String, String> params, String name, T value, Function<T, String> text) {
    if (value != null) {
      params.put(name, text.apply(value));
    }
  }

  /** {@code /cases} with the same filters and sort at {@code cursor}; null without a cursor. */
  static String href(Map<String, String> params, String cursor) {
    if (cursor == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    parts.add("cursor=" + cursor);
    return "/cases?" + String.join("&", parts);
  }
}
