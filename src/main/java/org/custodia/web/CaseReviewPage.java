package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custodia.dossier.EvidenceKind;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.grading.Criteria;
import org.custodia.grading.Grade;
import org.custodia.grading.Note;
import org.custodia.grading.NoteService;
import org.custodia.grading.Review;
import org.custodia.grading.ReviewService;
import org.custodia.grading.ReviewState;
import org.custodia.review.CaseTimeline;
import org.custodia.review.TimelineService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /cases/{id}/review}: the review form of a dossier (案卷评查). The criteria come from the
 * configuration ({@link Criteria}), labelled in the page's language; per criterion a comment and
 * references to the case's records and timestamped notes; a grade of the four and an overall
 * finding. Drafts are saved on the server ({@link ReviewService}, as {@code POST/PUT
 * /api/v1/…/reviews}); a submitted review is shown read-only with its reviewer and time and can be
 * corrected by a new review that references it. Forms are sent by htmx (CSRF header).
 */
@Path("/cases/{id}/review")
@Produces(MediaType.TEXT_HTML)
public class CaseReviewPage {
  private static final String VIA = "review-page";

  private final ReviewService reviews;
  private final NoteService notes;
  private final TimelineService timeline;
  private final Criteria criteria;
  private final UserService users;
  private final Caller caller;
  private final WebContext web;

  CaseReviewPage(
      ReviewService reviews,
      NoteService notes,
      TimelineService timeline,
      Criteria criteria,
      UserService users,
      Caller caller,
      WebContext web) {
    this.reviews = reviews;
    this.notes = notes;
    this.timeline = timeline;
    this.criteria = criteria;
    this.users = users;
    this.caller = caller;
    this.web = web;
  }

  /** The dossier the page is about. */
  public record CaseHead(UUID id, String caseNo, String type, String status, int records) {}

  /** A record or note that a comment may reference: a checkbox, and a link to it. */
  public record Choice(UUID id, String label, String detail, String href, boolean checked) {}

  /** One criterion of the form. */
  public record CriterionRow(
      String key,
      String label,
      String description,
      String comment,
      List<Choice> records,
      List<Choice> notes,
      int referenced,
      String error) {}

  /** The form: a new review, the caller's draft, or a correction. */
  public record FormView(
      UUID caseId,
      UUID reviewId,
      UUID corrects,
      String grade,
      List<CriterionRow> criteria,
      String finding,
      Map<String, String> errors,
      String formError,
      String savedAt,
      String criteriaVersion) {
    public String error(String field) {
      return errors.get(field);
    }

    /** The four grades, best first. */
    public List<String> grades() {
      return java.util.Arrays.stream(Grade.values()).map(Grade::name).toList();
    }
  }

  /** One comment of a submitted review. */
  public record EntryView(String label, String comment, List<Choice> references) {}

  /** A submitted review, read-only. */
  public record SubmittedView(
      UUID id,
      String reviewer,
      String submittedAt,
      String grade,
      List<EntryView> entries,
      String finding,
      UUID corrects,
      UUID correctedBy,
      boolean canCorrect,
      String criteriaVersion) {}

  /** The whole page. */
  public record ReviewPageView(
      CaseHead head,
      List<SubmittedView> submitted,
      FormView form,
      boolean canWrite,
      UUID justSubmitted) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance review(ReviewPageView view);

    static native TemplateInstance form(FormView form);
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance review(
      @PathParam("id") UUID caseId,
      @QueryParam("new") String fresh,
      @QueryParam("submitted") String submittedId) {
    UUID justSubmitted = uuid(submittedId, "submitted");
    boolean blank = "1".equals(fresh);
    if (fresh != null && !fresh.equals("1") && !fresh.equals("0")) {
      throw CustodiaException.invalid("new", "new is 1 or 0");
    }
    Context ctx = context(caseId);
    List<Review> all = reviews.forCase(caseId);
    Optional<Review> draft =
        all.stream()
            .filter(r -> r.state() == ReviewState.DRAFT && r.reviewerId().equals(caller.id()))
            .max(Comparator.comparing(Review::updatedAt));
    boolean canWrite = canWrite();
    List<SubmittedView> submitted =
        all.stream()
            .filter(r -> r.state() == ReviewState.SUBMITTED)
            .sorted(Comparator.comparing(Review::submittedAt).reversed())
            .map(r -> submittedView(r, ctx, canWrite && draft.isEmpty()))
            .toList();
    FormView form = null;
    if (canWrite) {
      if (draft.isPresent()) {
        form = formView(ctx, draft.get(), Map.of(), null, null);
      } else if (blank || submitted.isEmpty()) {
        form = formView(ctx, null, Map.of(), null, null);
      }
    }
    return Templates.review(new ReviewPageView(ctx.head, submitted, form, canWrite, justSubmitted));
  }

  /** Saves the draft (creating it on the first save); answers the form again. */
  @POST
  @Path("/draft")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response saveDraft(@PathParam("id") UUID caseId, MultivaluedMap<String, String> form) {
    Context ctx = context(caseId);
    Posted posted = posted(form, ctx);
    Review saved;
    try {
      saved = save(caseId, posted);
    } catch (CustodiaException ex) {
      return failed(ctx, posted, null, ex);
    }
    return Response.ok(
            Templates.form(formView(ctx, saved, Map.of(), null, PlayerFormats.wall(Instant.now()))))
        .build();
  }

  /** Saves and submits the draft; on success the browser goes to the read-only view. */
  @POST
  @Path("/submission")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response submit(@PathParam("id") UUID caseId, MultivaluedMap<String, String> form) {
    Context ctx = context(caseId);
    Posted posted = posted(form, ctx);
    Review saved = null;
    try {
      saved = save(caseId, posted);
      Review submitted = reviews.submit(saved.id());
      return Response.ok()
          .header("HX-Redirect", "/cases/" + caseId + "/review?submitted=" + submitted.id())
          .build();
    } catch (CustodiaException ex) {
      return failed(ctx, posted, saved, ex);
    }
  }

  /**
   * Starts a correction of a submitted review: a new draft naming it, with its content to start
   * from.
   */
  @POST
  @Path("/correction")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response correct(@PathParam("id") UUID caseId, MultivaluedMap<String, String> form) {
    UUID of = uuid(form.getFirst("of"), "of");
    if (of == null) {
      throw CustodiaException.invalid("of", "of names the submitted review to correct");
    }
    Review target = reviews.get(of);
    if (!target.caseId().equals(caseId)) {
      throw CustodiaException.notFound("review");
    }
    reviews.create(
        caseId, of, new Review.Content(target.grade(), target.entries(), target.finding()));
    return Response.ok().header("HX-Redirect", "/cases/" + caseId + "/review").build();
  }

  // --- the form as posted ---

  private record Posted(UUID reviewId, UUID corrects, Review.Content content, List<String> keys) {}

  private Posted posted(MultivaluedMap<String, String> form, Context ctx) {
    UUID reviewId = uuid(form.getFirst("reviewId"), "reviewId");
    UUID corrects = uuid(form.getFirst("corrects"), "corrects");
    String g = form.getFirst("grade");
    Grade grade = null;
    if (g != null && !g.isEmpty()) {
      try {
        grade = Grade.valueOf(g);
      } catch (IllegalArgumentException e) {
        throw CustodiaException.invalid("grade", "grade is one of EXCELLENT, GOOD, PASS, FAIL");
      }
    }
    List<Review.Entry> entries = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Criteria.Criterion c : criteria.current().criteria()) {
      String comment = form.getFirst("comment." + c.key());
      List<UUID> evidence = uuids(form.get("evidence." + c.key()), "evidence." + c.key());
      List<UUID> noteIds = uuids(form.get("note." + c.key()), "note." + c.key());
      boolean empty = comment == null || comment.isEmpty();
      if (empty && evidence.isEmpty() && noteIds.isEmpty()) {
        continue;
      }
      entries.add(new Review.Entry(c.key(), empty ? null : comment, evidence, noteIds));
      keys.add(c.key());
    }
    String finding = form.getFirst("finding");
    return new Posted(
        reviewId,
        corrects,
        new Review.Content(grade, entries, finding == null || finding.isEmpty() ? null : finding),
        keys);
  }

  private Review save(UUID caseId, Posted p) {
    if (p.reviewId() == null) {
      return reviews.create(caseId, p.corrects(), p.content());
    }
    return reviews.update(p.reviewId(), p.content());
  }

  /** The form again, with the reason next to the field it concerns (400/409). */
  private Response failed(Context ctx, Posted posted, Review saved, CustodiaException ex) {
    int status = ex.problem().status();
    if (status == 404 || status == 403) {
      throw ex;
    }
    Map<String, String> errors = new HashMap<>();
    String formError = null;
    String field = ex.field() == null ? "" : ex.field();
    java.util.regex.Matcher entry =
        java.util.regex.Pattern.compile("entries\\[(\\d+)\\](?:\\.(\\w+))?.*").matcher(field);
    if (ex.problem() == ProblemType.REVIEW_SUBMITTED) {
      formError = "submitted";
    } else if (ex.problem() == ProblemType.ALREADY_CORRECTED) {
      formError = "already-corrected";
    } else if (field.equals("grade") || field.equals("finding")) {
      errors.put(
          field, ex.problem() == ProblemType.INVALID_REQUEST ? requiredOrText(ex) : "invalid");
    } else if (entry.matches() && Integer.parseInt(entry.group(1)) < posted.keys().size()) {
      String key = posted.keys().get(Integer.parseInt(entry.group(1)));
      errors.put("criterion." + key, "comment".equals(entry.group(2)) ? "comment" : "references");
    } else {
      formError = "other";
    }
    Review shown =
        saved != null
            ? saved
            : new Review(
                posted.reviewId(),
                ctx.head.id(),
                null,
                caller.id(),
                ReviewState.DRAFT,
                criteria.current().version(),
                posted.content().grade(),
                posted.content().entries(),
                posted.content().finding(),
                posted.corrects(),
                null,
                null,
                null,
                null);
    return Response.status(status)
        .entity(Templates.form(formView(ctx, shown, errors, formError, null)))
        .build();
  }

  /** "required" when the field was missing at submission, "text" for bad or long text. */
  private static String requiredOrText(CustodiaException ex) {
    String d = ex.detail() == null ? "" : ex.detail();
    return d.contains("submitted with") ? "required" : "text";
  }

  // --- what the page shows ---

  /** The dossier (read as a view of it: audited once per viewing session), records and notes. */
  private record Context(
      CaseHead head,
      List<CaseTimeline.Item> records,
      List<Note> notes,
      Map<UUID, CaseTimeline.Item> byId) {}

  private Context context(UUID caseId) {
    CaseTimeline t = timeline.timeline(caseId, timeline.defaultGapTolerance(), VIA);
    List<Note> all = new ArrayList<>();
    Map<UUID, CaseTimeline.Item> byId = new LinkedHashMap<>();
    for (CaseTimeline.Item item : t.records()) {
      byId.put(item.id(), item);
      if (item.kind() == EvidenceKind.VIDEO || item.kind() == EvidenceKind.AUDIO) {
        all.addAll(notes.list(item.id()));
      }
    }
    return new Context(
        new CaseHead(
            t.caseId(), t.caseNo(), t.type().name(), t.status().name(), t.records().size()),
        t.records(),
        all,
        byId);
  }

  private FormView formView(
      Context ctx, Review r, Map<String, String> errors, String formError, String savedAt) {
    String lang = web.lang();
    Map<String, Review.Entry> entries = new HashMap<>();
    if (r != null) {
      r.entries().forEach(e -> entries.put(e.criterion(), e));
    }
    List<CriterionRow> rows = new ArrayList<>();
    for (Criteria.Criterion c : criteria.current().criteria()) {
      Review.Entry e = entries.get(c.key());
      Set<UUID> ev = e == null ? Set.of() : Set.copyOf(e.evidenceIds());
      Set<UUID> nt = e == null ? Set.of() : Set.copyOf(e.noteIds());
      List<Choice> records =
          ctx.records().stream()
              .map(
                  i ->
                      new Choice(
                          i.id(),
                          i.title() != null ? i.title() : i.filename(),
                          PlayerFormats.wall(i.wallClock() == null ? null : i.wallClock().from()),
                          "/evidence/" + i.id(),
                          ev.contains(i.id())))
              .toList();
      List<Choice> noteChoices = ctx.notes().stream().map(n -> noteChoice(ctx, n, nt)).toList();
      rows.add(
          new CriterionRow(
              c.key(),
              label(c.label(), lang),
              c.description() == null ? null : label(c.description(), lang),
              e == null ? "" : e.comment() == null ? "" : e.comment(),
              records,
              noteChoices,
              ev.size() + nt.size(),
              errors.get("criterion." + c.key())));
    }
    return new FormView(
        ctx.head().id(),
        r == null ? null : r.id(),
        r == null ? null : r.corrects(),
        r == null || r.grade() == null ? "" : r.grade().name(),
        rows,
        r == null || r.finding() == null ? "" : r.finding(),
        errors,
        formError,
        savedAt,
        criteria.current().version());
  }

  private Choice noteChoice(Context ctx, Note n, Set<UUID> checked) {
    CaseTimeline.Item item = ctx.byId().get(n.evidenceId());
    String record = item == null ? "" : item.title() != null ? item.title() : item.filename();
    return new Choice(
        n.id(),
        PlayerFormats.media(n.atMs()) + " " + n.text(),
        record,
        "/evidence/" + n.evidenceId() + "?t=" + PlayerFormats.seconds(n.atMs()),
        checked.contains(n.id()));
  }

  private SubmittedView submittedView(Review r, Context ctx, boolean mayCorrect) {
    String lang = web.lang();
    Map<String, Criteria.Criterion> byKey = new HashMap<>();
    criteria.current().criteria().forEach(c -> byKey.put(c.key(), c));
    Map<UUID, Note> notesById = new HashMap<>();
    ctx.notes().forEach(n -> notesById.put(n.id(), n));
    List<EntryView> entries = new ArrayList<>();
    for (Review.Entry e : r.entries()) {
      Criteria.Criterion c = byKey.get(e.criterion());
      List<Choice> refs = new ArrayList<>();
      for (UUID id : e.evidenceIds()) {
        CaseTimeline.Item i = ctx.byId().get(id);
        refs.add(
            new Choice(
                id,
                i == null ? id.toString() : i.title() != null ? i.title() : i.filename(),
                null,
                "/evidence/" + id,
                true));
      }
      for (UUID id : e.noteIds()) {
        Note n = notesById.get(id);
        refs.add(
            n == null
                ? new Choice(id, id.toString(), null, null, true)
                : noteChoice(ctx, n, Set.of(id)));
      }
      entries.add(
          new EntryView(
              c == null ? e.criterion() : label(c.label(), lang),
              e.comment() == null ? "" : e.comment(),
              refs));
    }
    return new SubmittedView(
        r.id(),
        users.byId(r.reviewerId()).map(User::username).orElse(r.reviewerId().toString()),
        PlayerFormats.wall(r.submittedAt()),
        r.grade() == null ? "" : r.grade().name(),
        entries,
        r.finding(),
        r.corrects(),
        r.correctedBy(),
        mayCorrect && r.correctedBy() == null,
        r.criteriaVersion());
  }

  private boolean canWrite() {
    return caller.role() == Role.REVIEWER || caller.role() == Role.SUPERVISOR;
  }

  private static String label(Map<String, String> labels, String lang) {
    String l = labels.get(lang);
    return l != null ? l : labels.getOrDefault("zh-CN", "");
  }

  private static UUID uuid(String value, String field) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid(field, field + " is an id");
    }
  }

  private static List<UUID> uuids(List<String> values, String field) {
    if (values == null) {
      return List.of();
    }
    List<UUID> out = new ArrayList<>();
    for (String v : values) {
      UUID id = uuid(v, field);
      if (id != null && !out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
