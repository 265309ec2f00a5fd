package org.custodia.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.ViewingAudit;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.media.Derived;
import org.custodia.media.MediaFacts;
import org.custodia.media.MediaService;
import org.custodia.media.SpriteLayout;
import org.custodia.storage.BucketRole;

/**
 * Decides what a streaming request serves (original, review copy, poster, sprite sheet), checks the
 * caller's unit and audits once per viewing session.
 */
@ApplicationScoped
class StreamService {
  /** Kinds of access, each audited once per viewing session. */
  enum Access {
    ORIGINAL("evidence.downloaded"),
    REVIEW("evidence.streamed"),
    THUMBNAIL("evidence.thumbnail-viewed"),
    SPRITE("evidence.sprite-viewed");

    final String event;

    Access(String event) {
      this.event = event;
    }
  }

  private final EvidenceService evidence;
  private final MediaService media;
  private final ViewingAudit viewings;

  StreamService(EvidenceService evidence, MediaService media, ViewingAudit viewings) {
    this.evidence = evidence;
    this.media = media;
    this.viewings = viewings;
  }

  Servable resolve(UUID id, Access access) {
    Evidence e = evidence.visible(id);
    return switch (access) {
      case ORIGINAL -> original(e);
      case REVIEW ->
          media
              .derived(id, Derived.Kind.REVIEW_COPY)
              .map(StreamService::derived)
              .orElseGet(
                  () -> {
                    if (media.facts(id).map(MediaFacts::playsAsIs).orElse(false)) {
                      return original(e);
                    }
                    throw notReady("review copy");
                  });
      case THUMBNAIL ->
          media
              .derived(id, Derived.Kind.THUMBNAIL)
              .map(StreamService::derived)
              .orElseThrow(() -> notReady("thumbnail"));
      case SPRITE -> derived(sprite(id));
    };
  }

  /**
   * Where the tiles of the sprite sheet are and which times they stand for (for the WebVTT track);
   * metadata, not evidence bytes, so not audited.
   */
  SpriteLayout spriteLayout(UUID id) {
    Evidence e = evidence.visible(id);
    return SpriteLayout.of(sprite(id).parameters()).orElseThrow(() -> notReady("sprite sheet"));
  }

  private Derived sprite(UUID id) {
    return media.derived(id, Derived.Kind.SPRITE).orElseThrow(() -> notReady("sprite sheet"));
  }

  /**
   * Audits the first request of a viewing session (in its own transaction, before any byte is
   * sent); the session's further range requests are not audited.
   */
  void audited(Servable s, Access access, String range) {
    viewings.recordOnce(
        access.event,
        AuditEvent.Target.of("evidence", s.evidenceId()),
        () -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("sha256", s.sha256());
          details.put("served", s.bucket() == BucketRole.EVIDENCE ? "original" : "derived");
          details.put("size", s.size());
          if (range != null) {
            details.put("firstRange", range);
          }
          return details;
        });
  }

  private static Servable original(Evidence e) {
    return new Servable(
        e.id(),
        BucketRole.EVIDENCE,
        e.objectKey(),
        e.objectVersion(),
        e.size(),
        e.contentType(),
        e.sha256(),
        e.ingestedAt());
  }

  private static Servable derived(Derived d) {
    return new Servable(
        d.evidenceId(),
        BucketRole.DERIVED,
        d.objectKey(),
        d.objectVersion(),
        d.size(),
        d.contentType(),
        d.sha256(),
        d.createdAt());
  }

  private static CustodiaException notReady(String what) {
    return new CustodiaException(ProblemType.NOT_READY, "no " + what + " for this evidence (yet)");
  }
}
