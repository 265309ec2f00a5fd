package org.custodia.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.grading.Note;
import org.custodia.grading.NoteService;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.review.Playback;
import org.custodia.review.TimelineService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /evidence/{id}}: one record with its player (review copy or the original, scrubbing with
 * sprite previews, speed, frame steps, keys, wall-clock time of the frame), its metadata and the
 * timestamped notes of the review. {@code ?t=<seconds>} starts at that media time; {@code ?play=1}
 * starts playing at once. The bytes are fetched by the browser from the API with the session
 * cookie, so playback is audited there, once per viewing session.
 */
@Path("/evidence")
@Produces(MediaType.TEXT_HTML)
public class EvidencePage {
  /** Largest {@code t} accepted: ten days of media time. */
  private static final double MAX_T = 864_000;

  private final EvidenceService evidence;
  private final TimelineService timeline;
  private final CaseService cases;
  private final DeviceService devices;
  private final OfficerService officers;
  private final ReceiptAccess receipts;
  private final NoteService notes;
  private final UserService users;
  private final Caller caller;
  private final ObjectMapper json;

  EvidencePage(
      EvidenceService evidence,
      TimelineService timeline,
      CaseService cases,
      DeviceService devices,
      OfficerService officers,
      ReceiptAccess receipts,
      NoteService notes,
      UserService users,
      Caller caller,
      ObjectMapper json) {
    this.evidence = evidence;
    this.timeline = timeline;
    this.cases = cases;
    this.devices = devices;
    this.officers = officers;
    this.receipts = receipts;
    this.notes = notes;
    this.users = users;
    this.caller = caller;
    this.json = json;
  }

  /** The case a record belongs to, as the page links it. */
  public record CaseRef(UUID id, String caseNo, String title) {}

  /** A note as the panel lists it. */
  public record NoteRow(
      UUID id,
      long atMs,
      String at,
      String seconds,
      String text,
      String author,
      Instant createdAt,
      String created,
      UUID supersedes,
      UUID supersededBy,
      boolean canSupersede) {}

  /** The notes panel: the notes, whether the caller may add one, and an error of the last add. */
  public record NotesView(
      UUID evidenceId, List<NoteRow> notes, boolean canAdd, String error, String errorField) {}

  /** Everything the player page shows. */
  public record PlayerView(
      Evidence evidence,
      Playback playback,
      String playbackJson,
      boolean playable,
      boolean media,
      Device device,
      Officer officer,
      ReceiptAccess.State receipt,
      CaseRef caseRef,
      NotesView notes,
      boolean notesVisible,
      String start,
      boolean autoplay,
      String fps,
      String sizeText) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance player(PlayerView view);

    static native TemplateInstance notesPanel(NotesView notes);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance player(
      @PathParam("id") UUID id, @QueryParam("t") String t, @QueryParam("play") String play) {
    double start = start(t);
    boolean autoplay = flag("play", play);
    Evidence e = evidence.get(id);
    Playback p = timeline.playback(id);
    Device device = e.deviceId() == null ? null : devices.get(e.deviceId());
    Officer officer = e.officerId() == null ? null : officers.get(e.officerId());
    CaseRef caseRef = null;
    if (e.link() != null && e.link().caseId() != null) {
      CaseRecords.Dossier d = cases.get(e.link().caseId());
      caseRef = new CaseRef(d.id(), d.caseNo(), d.title());
    }
    boolean media = e.kind() == EvidenceKind.VIDEO || e.kind() == EvidenceKind.AUDIO;
    boolean notesVisible = notesVisible();
    NotesView notesView =
        notesVisible ? notesView(id, null, null) : new NotesView(id, List.of(), false, null, null);
    return Templates.player(
        new PlayerView(
            e,
            p,
            playbackJson(p),
            media && p.sourceUrl() != null,
            media,
            device,
            officer,
            receipts.state(id),
            caseRef,
            notesView,
            notesVisible,
            start == 0 ? "" : Double.toString(start),
            autoplay,
            fps(p.frameRate()),
            PlayerFormats.bytes(e.size())));
  }

  /** The notes panel alone (after a note was added elsewhere, or to refresh it). */
  @GET
  @Path("/{id}/notes")
  @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance notes(@PathParam("id") UUID id) {
    return Templates.notesPanel(notesView(id, null, null));
  }

  /**
   * Adds a note at {@code atMs} (the player's current time) through the same service as {@code POST
   * /api/v1/evidence/{id}/notes}; answers the notes panel (201), or the panel with the reason in
   * the page's language (400, 409). The page sends it with {@code custodia.fetch} (CSRF header).
   */
  @POST
  @Path("/{id}/notes")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response addNote(
      @PathParam("id") UUID id,
      @FormParam("atMs") String atMs,
      @FormParam("text") String text,
      @FormParam("supersedes") String supersedes) {
    try {
      long at = parseAtMs(atMs);
      UUID earlier = supersedes == null || supersedes.isBlank() ? null : uuid(supersedes);
      notes.add(id, at, text, earlier);
      return Response.status(201).entity(Templates.notesPanel(notesView(id, null, null))).build();
    } catch (CustodiaException ex) {
      if (ex.problem().status() == 404 || ex.problem().status() == 403) {
        throw ex;
      }
      String field = ex.field() == null ? "" : ex.field();
      return Response.status(ex.problem().status())
          .entity(Templates.notesPanel(notesView(id, ex.problem().type(), field)))
          .build();
    }
  }

  private NotesView notesView(UUID id, String error, String field) {
    boolean canAdd = canAddNotes();
    Map<UUID, String> names = new HashMap<>();
    List<NoteRow> rows =
        notes.list(id).stream()
            .map(
                (Note n) ->
                    new NoteRow(
                        n.id(),
                        n.atMs(),
                        PlayerFormats.media(n.atMs()),
                        PlayerFormats.seconds(n.atMs()),
                        n.text(),
                        names.computeIfAbsent(
                            n.authorId(),
                            a -> users.byId(a).map(User::username).orElse(a.toString())),
                        n.createdAt(),
                        PlayerFormats.wall(n.createdAt()),
                        n.supersedes(),
                        n.supersededBy(),
                        canAdd && n.supersededBy() == null && n.authorId().equals(caller.id())))
            .toList();
    return new NotesView(id, rows, canAdd, error, field);
  }

  private boolean notesVisible() {
    return caller.role() != Role.OFFICER && caller.role() != Role.STATION;
  }

  private boolean canAddNotes() {
    return caller.role() == Role.REVIEWER || caller.role() == Role.SUPERVISOR;
  }

  /** The facts the player script reads (the API's {@code /playback} answer, as JSON). */
  private String playbackJson(Playback p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("evidenceId", p.evidenceId());
    m.put("durationMs", p.durationMs());
    m.put("frameRate", p.frameRate());
    m.put("sourceUrl", p.sourceUrl());
    m.put("spriteUrl", p.spriteUrl());
    m.put("spriteTrackUrl", p.spriteTrackUrl());
    m.put("wallClockFrom", p.wallClock() == null ? null : p.wallClock().from().toEpochMilli());
    m.put("offsetKnown", p.wallClock() != null && p.wallClock().offsetKnown());
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String fps(Double rate) {
    if (rate == null) {
      return "";
    }
    return new java.math.BigDecimal(rate)
        .setScale(3, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static double start(String t) {
    if (t == null || t.isEmpty()) {
      return 0;
    }
    try {
      double v = Double.parseDouble(t);
      if (!(v >= 0 && v <= MAX_T) || !t.matches("[0-9]+(\\.[0-9]{1,6})?")) {
        throw new NumberFormatException(t);
      }
      return v;
    } catch (NumberFormatException ex) {
      throw CustodiaException.invalid("t", "t is the media time in seconds, e.g. t=83.5");
    }
  }

  private static boolean flag(String name, String value) {
    if (value == null) {
      return false;
    }
    return switch (value) {
      case "1", "true" -> true;
      case "0", "false", "" -> false;
      default -> throw CustodiaException.invalid(name, name + " is 1 or 0");
    };
  }

  private static long parseAtMs(String atMs) {
    if (atMs == null || !atMs.matches("[0-9]{1,12}")) {
      throw CustodiaException.invalid("atMs", "atMs is the media time in milliseconds");
    }
    return Long.parseLong(atMs);
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException ex) {
      throw CustodiaException.invalid("supersedes", "supersedes is a note id");
    }
  }
}
