package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CertificateStatus;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceResource;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerResource;
import org.custodia.dossier.OfficerRole;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;

/**
 * Registering officers ({@code /admin/officers/new}) and bodycams ({@code /devices/new}) for
 * administrators. Each form is checked with the API's own body constraints ({@link
 * OfficerResource.NewOfficer}, {@link DeviceResource.NewDevice}) and calls the same service as
 * {@code POST /api/v1/officers} and {@code /api/v1/devices}; the service's refusals (duplicate
 * certificate number or serial, a custodian of another unit or without a valid certificate) are
 * said next to the field, in the page's language, and nothing is recorded. The pages themselves are
 * {@link OfficerNewPage} and {@link DeviceNewPage}.
 */
@jakarta.enterprise.context.ApplicationScoped
public class RegisterPages {
  /** The form: the units to choose from, officers for a first custodian, typed values, errors. */
  public record Form(
      List<Unit> units,
      List<Custodian> custodians,
      List<String> states,
      Map<String, String> typed,
      Map<String, String> errors) {}

  /** A possible first custodian: a certified officer, with the name of the unit. */
  public record Custodian(Officer officer, String unit) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance officer(Form form);

    static native TemplateInstance device(Form form);
  }

  private final OfficerService officers;
  private final DeviceService devices;
  private final UnitService units;
  private final Validator validator;

  RegisterPages(
      OfficerService officers, DeviceService devices, UnitService units, Validator validator) {
    this.officers = officers;
    this.devices = devices;
    this.units = units;
    this.validator = validator;
  }

  TemplateInstance newOfficer() {
    return Templates.officer(form(Map.of("certificateStatus", "GREEN"), Map.of()));
  }

  Response registerOfficer(
      String unitId,
      String name,
      String auxiliary,
      String certificateNo,
      String certificateStatus,
      String validFrom,
      String validUntil,
      String nextReviewDate) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("unitId", orEmpty(unitId));
    typed.put("name", orEmpty(name));
    typed.put("auxiliary", auxiliary == null ? "" : "on");
    typed.put("certificateNo", orEmpty(certificateNo));
    typed.put("certificateStatus", orEmpty(certificateStatus));
    typed.put("certificateValidFrom", orEmpty(validFrom));
    typed.put("certificateValidUntil", orEmpty(validUntil));
    typed.put("nextReviewDate", orEmpty(nextReviewDate));
    Map<String, String> errors = new LinkedHashMap<>();
    boolean aux = auxiliary != null;
    UUID unit = uuid(unitId, "unitId", errors);
    CertificateStatus status = null;
    if (!aux && blank(certificateStatus) == null) {
      errors.put("certificateStatus", "required");
    } else if (!aux) {
      status =
          OfficersPage.STATES.contains(certificateStatus)
              ? CertificateStatus.valueOf(certificateStatus)
              : null;
    }
    LocalDate from = aux ? null : date(validFrom, "certificateValidFrom", errors);
    LocalDate until = aux ? null : date(validUntil, "certificateValidUntil", errors);
    LocalDate review = aux ? null : date(nextReviewDate, "nextReviewDate", errors);
    String number = aux ? null : blank(certificateNo);
    if (!aux && number == null) {
      errors.putIfAbsent("certificateNo", "required");
    }
    if (!aux && until == null) {
      errors.putIfAbsent("certificateValidUntil", "required");
    }
    OfficerResource.NewOfficer body =
        new OfficerResource.NewOfficer(unit, name, number, status, from, until, review, aux, null);
    for (ConstraintViolation<OfficerResource.NewOfficer> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int code = 400;
    if (errors.isEmpty()) {
      try {
        Officer created =
            officers.create(
                new OfficerService.NewOfficer(
                    unit,
                    name,
                    aux ? OfficerRole.AUXILIARY : OfficerRole.OFFICER,
                    number,
                    status,
                    from,
                    until,
                    review));
        return Response.ok().header("HX-Redirect", "/officers/" + created.id()).build();
      } catch (CustodiaException e) {
        code = refusal(e, errors, "certificateNo");
      }
    }
    return StationsPage.html(code, Templates.officer(form(typed, errors)));
  }

  TemplateInstance newDevice() {
    return Templates.device(form(Map.of(), Map.of()));
  }

  Response registerDevice(String unitId, String serial, String model, String custodian) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("unitId", orEmpty(unitId));
    typed.put("serial", orEmpty(serial));
    typed.put("model", orEmpty(model));
    typed.put("custodianOfficerId", orEmpty(custodian));
    Map<String, String> errors = new LinkedHashMap<>();
    UUID unit = uuid(unitId, "unitId", errors);
    UUID holder = blank(custodian) == null ? null : uuid(custodian, "custodianOfficerId", errors);
    DeviceResource.NewDevice body =
        new DeviceResource.NewDevice(unit, blank(serial), blank(model), holder);
    for (ConstraintViolation<DeviceResource.NewDevice> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int code = 400;
    if (errors.isEmpty()) {
      try {
        Device created = devices.create(unit, serial, model, holder);
        return Response.ok().header("HX-Redirect", "/devices/" + created.id()).build();
      } catch (CustodiaException e) {
        code = refusal(e, errors, "serial");
      }
    }
    return StationsPage.html(code, Templates.device(form(typed, errors)));
  }

  /** Puts a service refusal next to its field; returns the API's status for it. */
  private static int refusal(CustodiaException e, Map<String, String> errors, String uniqueField) {
    ProblemType p = e.problem();
    if (p == ProblemType.DUPLICATE_CERTIFICATE_NO || p == ProblemType.DUPLICATE_DEVICE) {
      errors.put(uniqueField, "duplicate");
    } else if (p == ProblemType.OFFICER_UNKNOWN
        || p == ProblemType.AUXILIARY_NOT_RESPONSIBLE
        || p == ProblemType.OFFICER_NOT_CERTIFIED) {
      errors.put(e.field() != null ? e.field() : "custodianOfficerId", "custodian");
    } else if (p == ProblemType.INVALID_REQUEST && e.field() != null) {
      errors.put(e.field(), "unitId".equals(e.field()) ? "unit" : e.getMessage());
    } else {
      throw e;
    }
    return p.status();
  }

  private Form form(Map<String, String> typed, Map<String, String> errors) {
    List<Unit> all = units.list(null, null, null, OfficersPage.LIMIT);
    Map<UUID, String> names = new HashMap<>();
    all.forEach(u -> names.put(u.id(), u.name()));
    List<Custodian> custodians =
        officers
            .list(null, null, OfficerRole.OFFICER, null, null, OfficersPage.LIMIT)
            .items()
            .stream()
            .filter(o -> o.certificateStatus() != CertificateStatus.RED)
            .map(o -> new Custodian(o, names.getOrDefault(o.unitId(), "")))
            .toList();
    return new Form(all, custodians, OfficersPage.STATES, typed, errors);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Null for an empty field, else the field exactly as typed (validation refuses padding). */
  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static UUID uuid(String value, String field, Map<String, String> errors) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      errors.put(field, "unit");
      return null;
    }
  }

  private static LocalDate date(String value, String field, Map<String, String> errors) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, "date");
      return null;
    }
  }
}
