package org.custodia.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.custodia.security.Caller;
import org.custodia.security.Role;

/**
 * Which navigation entries and actions the signed-in role may use — the same role rules as the API
 * (the {@code @RolesAllowed} of the operations behind each page). Templates read it as {@code
 * {inject:nav.…}}.
 */
@RequestScoped
@Named("nav")
public class NavRules {
  private final Caller caller;
  private final org.custodia.export.ExportService exports;
  private Long pendingExports;

  NavRules(Caller caller, org.custodia.export.ExportService exports) {
    this.caller = caller;
    this.exports = exports;
  }

  /** Exports (GET /api/v1/exports/{id}): every role but the docking station. */
  public boolean exports() {
    return caller.authenticated() && caller.role() != null && caller.role() != Role.STATION;
  }

  /** The badge: pending exports the caller could decide (supervisors, admins; never their own). */
  public long pendingExports() {
    if (pendingExports == null) {
      pendingExports = exports.decidable();
    }
    return pendingExports;
  }

  /** Spot checks: supervisors and admins run them, reviewers see the ones assigned to them. */
  public boolean spotChecks() {
    return is(Role.SUPERVISOR) || is(Role.ADMIN) || is(Role.REVIEWER);
  }

  /** Drawing and assigning spot checks (POST/PUT /api/v1/spot-checks…). */
  public boolean drawSpotChecks() {
    return is(Role.SUPERVISOR) || is(Role.ADMIN);
  }

  /** Having spot-check assignments (GET /api/v1/spot-checks/assigned). */
  public boolean assignments() {
    return is(Role.REVIEWER) || is(Role.SUPERVISOR);
  }

  /** The officers' inbox and case work (POST /api/v1/evidence/{id}/links, POST /api/v1/cases). */
  public boolean inbox() {
    return is(Role.OFFICER) || is(Role.ADMIN);
  }

  /** The administrators' pages (registry, devices, stations, system status): ADMIN only. */
  public boolean admin() {
    return is(Role.ADMIN);
  }

  /** The audit log and custody views (/api/v1/audit: ADMIN, SUPERVISOR, AUDITOR). */
  public boolean audit() {
    return is(Role.AUDITOR) || is(Role.SUPERVISOR) || is(Role.ADMIN);
  }

  /** Legal holds (GET /api/v1/holds): administrators, supervisors, auditors. */
  public boolean holds() {
    return audit();
  }

  /** Disposals and their candidates (GET /api/v1/disposals…): the same roles. */
  public boolean disposals() {
    return audit();
  }

  /** Fixity runs (GET /api/v1/fixity/runs): the same roles; ADMIN and AUDITOR start them. */
  public boolean fixity() {
    return audit();
  }

  /** Disclosure deadlines (GET /api/v1/disclosures: ADMIN, SUPERVISOR, AUDITOR). */
  public boolean disclosures() {
    return audit();
  }

  /** The compliance list (GET /api/v1/compliance: ADMIN, SUPERVISOR, AUDITOR). */
  public boolean compliance() {
    return audit();
  }

  /** The yearly statistics (GET /api/v1/statistics/{year}: ADMIN, SUPERVISOR, AUDITOR). */
  public boolean statistics() {
    return audit();
  }

  /** The year the navigation's statistics entry opens: last year, the latest complete one. */
  public int statisticsYear() {
    return java.time.LocalDate.now(Formats.zone()).getYear() - 1;
  }

  private boolean is(Role role) {
    return caller.authenticated() && caller.role() == role;
  }
}
