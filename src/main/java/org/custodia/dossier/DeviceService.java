package org.custodia.dossier;

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
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.UnitService;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.custodia.support.Text;

/**
 * Bodycams and their custody (谁使用、谁保管、谁负责): each device has at most one custodian at any moment.
 * Periods never overlap — checked here for a clear answer and enforced by the {@code
 * device_custody_no_overlap} exclusion constraint for concurrent writers.
 */
@ApplicationScoped
@Transactional
public class DeviceService {
  static final String RULE_OVERLAP = "custody-overlap";

  private final DeviceRepository devices;
  private final OfficerRepository officers;
  private final OfficerService registry;
  private final UnitService units;
  private final AuditService audit;
  private final Caller caller;
  private final jakarta.enterprise.event.Event<ClockOffsetReported> offsetReported;

  DeviceService(
      DeviceRepository devices,
      OfficerRepository officers,
      OfficerService registry,
      UnitService units,
      AuditService audit,
      Caller caller,
      jakarta.enterprise.event.Event<ClockOffsetReported> offsetReported) {
    this.devices = devices;
    this.registry = registry;
    this.officers = officers;
    this.units = units;
    this.audit = audit;
    this.caller = caller;
    this.offsetReported = offsetReported;
  }

  public Device create(UUID unitId, String serial, String model, UUID custodianOfficerId) {
    if (!units.exists(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    Instant now = Instant.now();
    Device device =
        new Device(
            Ids.newId(),
            unitId,
            serial,
            Text.unpadded("model", model),
            null,
            null,
            null,
            null,
            now);
    try {
      devices.insert(device);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_DEVICE,
            "a device of this model with this serial exists",
            "serial");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", unitId.toString());
    audit.record("device.created", AuditEvent.Target.of("device", device.id()), details);
    if (custodianOfficerId != null) {
      handOver(device.id(), custodianOfficerId, now, null, "issued", "custodianOfficerId");
    }
    return devices.byId(device.id()).orElseThrow();
  }

  /**
   * Records that {@code officerId} holds the device from {@code from} (until {@code to}, or open).
   * An open period that began earlier ends at {@code from}; any other overlap is refused.
   */
  public CustodyPeriod handOver(
      UUID deviceId, UUID officerId, Instant from, Instant to, String reason) {
    return handOver(deviceId, officerId, from, to, reason, "officerId");
  }

  private CustodyPeriod handOver(
      UUID deviceId, UUID officerId, Instant from, Instant to, String reason, String field) {
    Device device = devices.lock(deviceId).orElseThrow(() -> CustodiaException.notFound("device"));
    caller.requireSees(device.unitId(), "device", device.id());
    Officer officer =
        officers
            .byId(officerId)
            .filter(o -> o.unitId().equals(device.unitId()))
            .orElseThrow(() -> CustodiaException.invalid(field, "no such officer in the unit"));
    // 谁使用、谁保管、谁负责: the custodian answers for the device, so, like an action's
    // responsible officer, is a certified officer at the start of the custody — never auxiliary
    registry.requireEnforcing(officer.id(), from, field);
    if (to != null && !to.isAfter(from)) {
      throw CustodiaException.invalid("to", "the custody period must end after it starts");
    }
    Optional<CustodyPeriod> open = devices.openPeriod(deviceId);
    UUID previous = null;
    if (open.isPresent() && open.get().from().isBefore(from)) {
      if (open.get().officerId().equals(officer.id()) && to == null) {
        throw new CustodiaException(
            ProblemType.ALREADY_CUSTODIAN, "the officer already holds the device", field);
      }
      devices.closePeriod(open.get().id(), from);
      previous = open.get().officerId();
    }
    if (devices.overlaps(deviceId, from, to)) {
      throw overlap();
    }
    CustodyPeriod period =
        new CustodyPeriod(Ids.newId(), deviceId, officer.id(), from, to, reason, Instant.now());
    try {
      devices.insertPeriod(period, caller.id() == null ? null : caller.id().toString());
    } catch (DatabaseException e) {
      if ("23P01".equals(e.sqlState())) {
        throw overlap();
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("periodId", period.id().toString());
    details.put("officerId", officer.id().toString());
    if (previous != null) {
      details.put("previousOfficerId", previous.toString());
    }
    details.put("from", from.toString());
    if (to != null) {
      details.put("to", to.toString());
    }
    audit.record("device.custody-changed", AuditEvent.Target.of("device", deviceId), details);
    return period;
  }

  public Device reportClockOffset(UUID deviceId, long offsetMs) {
    Device device = devices.lock(deviceId).orElseThrow(() -> CustodiaException.notFound("device"));
    caller.requireSees(device.unitId(), "device", device.id());
    UUID station = caller.role() == Role.STATION ? caller.id() : null;
    Instant now = Instant.now();
    devices.updateClockOffset(deviceId, offsetMs, now, station);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("clockOffsetMs", offsetMs);
    audit.record("device.clock-offset-reported", AuditEvent.Target.of("device", deviceId), details);
    offsetReported.fire(new ClockOffsetReported(deviceId, device.unitId()));
    return devices.byId(deviceId).orElseThrow();
  }

  /**
   * Read-only: the devices whose last clock offset station {@code station} reported (the station
   * health page); only those the caller sees.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Device> offsetsReportedBy(UUID station) {
    return devices.offsetsReportedBy(station).stream()
        .filter(d -> caller.sees(d.unitId()))
        .toList();
  }

  /**
   * A device whoever asks: for the service's own work (the four-property check, compliance), never
   * for a caller.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Device> find(UUID id) {
    return devices.byId(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Device get(UUID id) {
    Device device = devices.byId(id).orElseThrow(() -> CustodiaException.notFound("device"));
    caller.requireSees(device.unitId(), "device", device.id());
    return device;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CustodyPeriod> custody(UUID id) {
    get(id);
    return devices.custody(id);
  }

  private static CustodiaException overlap() {
    return new CustodiaException(
        ProblemType.CUSTODY_OVERLAP,
        "the custody period overlaps another custody period of the device",
        "from");
  }

  /**
   * One page of devices of {@code unit} (null: all), matching {@code q}, held by {@code custodian}.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Device> list(UUID unit, String q, UUID custodian, UUID after, int limit) {
    return Page.of(devices.list(unit, q, custodian, after, limit + 1), limit, Device::id);
  }
}
