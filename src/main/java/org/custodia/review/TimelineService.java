package org.custodia.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.media.Derived;
import org.custodia.media.MediaFacts;
import org.custodia.media.MediaJob;
import org.custodia.media.MediaService;
import org.custodia.support.Cursors;
import org.custodia.support.Page;

/**
 * The case timeline and the player's facts. Reading a timeline is a dossier view ({@link
 * CaseService#view}: another unit's case is "not found", and {@code case.viewed} is audited once
 * per viewing session).
 */
@ApplicationScoped
public class TimelineService {
  /** The evidence search's largest page; the timeline reads every page. */
  private static final int PAGE = Cursors.MAX_LIMIT;

  private final CaseService cases;
  private final EvidenceService evidence;
  private final DeviceService devices;
  private final OfficerService officers;
  private final MediaService media;
  private final ReceiptAccess receipts;
  private final ReviewConfig config;

  TimelineService(
      CaseService cases,
      EvidenceService evidence,
      DeviceService devices,
      OfficerService officers,
      MediaService media,
      ReceiptAccess receipts,
      ReviewConfig config) {
    this.cases = cases;
    this.evidence = evidence;
    this.devices = devices;
    this.officers = officers;
    this.media = media;
    this.receipts = receipts;
    this.config = config;
  }

  /** The configured gap tolerance ({@code custodia.review.timeline-gap-tolerance}). */
  public Duration defaultGapTolerance() {
    return config.timelineGapTolerance();
  }

  /** The timeline with the configured gap tolerance. */
  public CaseTimeline timeline(UUID caseId) {
    return timeline(caseId, config.timelineGapTolerance(), "timeline");
  }

  /**
   * The timeline of a case the caller may see, recorded as a view ({@code via} names the page or
   * endpoint). Records oldest first by corrected start (records without a start last).
   */
  public CaseTimeline timeline(UUID caseId, Duration gapTolerance, String via) {
    CaseRecords.Dossier dossier = cases.view(caseId, via);
    Map<UUID, CaseTimeline.OfficerRef> officerRefs = new HashMap<>();
    dossier.officers().forEach(o -> officerRefs.put(o.id(), ref(o)));
    Map<UUID, CaseTimeline.DeviceRef> deviceRefs = new HashMap<>();

    List<CaseTimeline.Item> items = new ArrayList<>();
    for (Evidence e : linked(dossier)) {
      Optional<MediaFacts> facts = media.facts(e.id());
      Long duration = facts.map(MediaFacts::durationMs).orElse(null);
      CaseTimeline.DeviceRef device =
          e.deviceId() == null
              ? null
              : deviceRefs.computeIfAbsent(e.deviceId(), id -> ref(devices.get(id)));
      CaseTimeline.OfficerRef officer =
          e.officerId() == null
              ? null
              : officerRefs.computeIfAbsent(e.officerId(), id -> ref(officers.get(id)));
      Long offset = device == null ? null : device.clockOffsetMs();
      WallClock wall = WallClock.of(e.recordedFrom(), e.recordedTo(), duration, offset);
      List<UUID> actionIds =
          dossier.actions().stream()
              .filter(a -> wall != null && overlaps(wall, a))
              .map(CaseRecords.Action::id)
              .toList();
      items.add(
          new CaseTimeline.Item(
              e.id(),
              e.kind(),
              e.filename(),
              e.title(),
              e.contentType(),
              e.size(),
              e.sha256(),
              e.sm3(),
              e.ingestedAt(),
              device,
              officer,
              e.recordedFrom(),
              e.recordedTo(),
              duration,
              offset,
              wall,
              derivatives(media.derived(e.id())),
              receipts.state(e.id()),
              actionIds));
    }
    items.sort(
        Comparator.comparing(
                (CaseTimeline.Item i) -> i.wallClock() == null ? null : i.wallClock().from(),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CaseTimeline.Item::id));

    List<Coverage.Interval> recordings =
        items.stream()
            .filter(i -> i.kind() == EvidenceKind.VIDEO || i.kind() == EvidenceKind.AUDIO)
            .filter(i -> i.wallClock() != null)
            .map(i -> new Coverage.Interval(i.id(), i.wallClock().from(), i.wallClock().to()))
            .toList();
    List<CaseTimeline.Action> actions =
        dossier.actions().stream()
            .sorted(Comparator.comparing(CaseRecords.Action::from))
            .map(
                a ->
                    CaseTimeline.Action.of(
                        a,
                        a.officerIds().stream()
                            .map(id -> officerRefs.computeIfAbsent(id, o -> ref(officers.get(o))))
                            .toList(),
                        Coverage.of(a.from(), a.to(), recordings, gapTolerance)))
            .toList();
    return new CaseTimeline(
        dossier.id(),
        dossier.unitId(),
        dossier.caseNo(),
        dossier.type(),
        dossier.status(),
        gapTolerance.toMillis(),
        actions,
        List.copyOf(items));
  }

  /** What a player needs for one record the caller may see ("not found" otherwise). */
  public Playback playback(UUID evidenceId) {
    Evidence e = evidence.visible(evidenceId);
    Optional<MediaFacts> facts = media.facts(evidenceId);
    List<Derived> derived = media.derived(evidenceId);
    Optional<Derived> review = kind(derived, Derived.Kind.REVIEW_COPY);
    boolean poster = kind(derived, Derived.Kind.THUMBNAIL).isPresent();
    boolean sprite = kind(derived, Derived.Kind.SPRITE).isPresent();
    boolean playsAsIs = facts.map(MediaFacts::playsAsIs).orElse(false);
    String base = "/api/v1/evidence/" + evidenceId;
    String source =
        review.isPresent() ? Playback.REVIEW_COPY : playsAsIs ? Playback.ORIGINAL : null;
    Long offset = e.deviceId() == null ? null : devices.get(e.deviceId()).clockOffsetMs();
    Long duration = facts.map(MediaFacts::durationMs).orElse(null);
    List<MediaJob> jobs = media.jobs(evidenceId);
    return new Playback(
        e.id(),
        e.kind(),
        e.filename(),
        e.contentType(),
        duration,
        facts.map(MediaFacts::frameRate).orElse(null),
        facts.map(MediaFacts::width).orElse(null),
        facts.map(MediaFacts::height).orElse(null),
        source,
        source == null ? null : base + "/review",
        review.map(Derived::contentType).orElse(source == null ? null : e.contentType()),
        poster ? base + "/thumbnail" : null,
        sprite ? base + "/sprite" : null,
        sprite ? base + "/sprite.vtt" : null,
        base + "/content",
        jobs.isEmpty() ? null : jobs.get(jobs.size() - 1).state().name(),
        e.recordedFrom(),
        e.recordedTo(),
        offset,
        WallClock.of(e.recordedFrom(), e.recordedTo(), duration, offset));
  }

  /** Every record currently linked to the case, page by page. */
  private List<Evidence> linked(CaseRecords.Dossier dossier) {
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder().unitId(dossier.unitId()).caseId(dossier.id()).build();
    List<Evidence> all = new ArrayList<>();
    UUID before = null;
    while (true) {
      Page<Evidence> page = evidence.search(filter, before, PAGE);
      all.addAll(page.items());
      if (page.nextCursor() == null) {
        return all;
      }
      before = Cursors.decode(page.nextCursor());
    }
  }

  private static Optional<Derived> kind(List<Derived> derived, Derived.Kind kind) {
    return derived.stream().filter(d -> d.kind() == kind).findFirst();
  }

  private static CaseTimeline.Derivatives derivatives(List<Derived> derived) {
    return new CaseTimeline.Derivatives(
        kind(derived, Derived.Kind.THUMBNAIL).isPresent(),
        kind(derived, Derived.Kind.REVIEW_COPY).isPresent(),
        kind(derived, Derived.Kind.SPRITE).isPresent());
  }

  private static boolean overlaps(WallClock w, CaseRecords.Action a) {
    Instant end = w.to().equals(w.from()) ? w.from().plusNanos(1) : w.to();
    return w.from().isBefore(a.to()) && end.isAfter(a.from());
  }

  private static CaseTimeline.OfficerRef ref(Officer o) {
    return new CaseTimeline.OfficerRef(o.id(), o.name(), o.auxiliary(), o.certificateStatus());
  }

  private static CaseTimeline.DeviceRef ref(Device d) {
    return new CaseTimeline.DeviceRef(
        d.id(), d.serial(), d.model(), d.clockOffsetMs(), d.clockOffsetReportedAt());
  }
}
