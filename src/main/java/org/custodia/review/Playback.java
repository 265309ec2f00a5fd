package org.custodia.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.custodia.dossier.EvidenceKind;

/**
 * Everything a player needs for one recording, in one read: what to play ({@code sourceUrl}: the
 * review copy, or the original when it plays in browsers as it is; null while neither is ready),
 * the poster, the sprite sheet and its WebVTT track for scrubbing previews, duration and frame rate
 * (for frame steps), and the corrected wall-clock start, so that media time {@code t} is wall-clock
 * {@code wallClock.from + t}. URLs are relative to the service and authenticate as any API call
 * (bearer token, or the browser session cookie). Metadata only: not audited; the bytes are, once
 * per viewing session, when fetched.
 *
 * @param source {@code review-copy}, {@code original} or null (nothing playable yet)
 * @param processing state of the newest media job (QUEUED, RUNNING, SUCCEEDED, FAILED, …), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Playback(
    UUID evidenceId,
    EvidenceKind kind,
    String filename,
    String contentType,
    Long durationMs,
    Double frameRate,
    Integer width,
    Integer height,
    String source,
    String sourceUrl,
    String sourceContentType,
    String posterUrl,
    String spriteUrl,
    String spriteTrackUrl,
    String originalUrl,
    String processing,
    Instant recordedFrom,
    Instant recordedTo,
    Long clockOffsetMs,
    WallClock wallClock) {
  public static final String REVIEW_COPY = "review-copy";
  public static final String ORIGINAL = "original";
}
