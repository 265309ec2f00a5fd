package org.custodia.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.dossier.EvidenceService;

/**
 * What is known of an item's media: facts from the probe, derived files (poster, sprite sheet,
 * review copy) and the jobs that make them. The one way other features read the media tables.
 */
@ApplicationScoped
public class MediaService {
  private final MediaRepository media;
  private final JobQueue queue;
  private final EvidenceService evidence;

  MediaService(MediaRepository media, JobQueue queue, EvidenceService evidence) {
    this.media = media;
    this.queue = queue;
    this.evidence = evidence;
  }

  /** The media jobs of a record the caller may see ("not found" otherwise). */
  public List<MediaJob> jobs(UUID evidenceId) {
    evidence.visible(evidenceId);
    return queue.forEvidence(evidenceId);
  }

  /** The probe's facts of an item, once probed. */
  public Optional<MediaFacts> facts(UUID evidenceId) {
    return media.facts(evidenceId);
  }

  /** The probed durations of the items of {@code ids} probed so far, in one read. */
  public java.util.Map<UUID, Long> durations(java.util.Collection<UUID> ids) {
    return media.durations(ids);
  }

  /**
   * How many of the items a subquery of evidence ids selects have a probed duration, and their
   * total: one aggregate, for the yearly statistics.
   */
  public ProbedDurations durations(org.custodia.dossier.SqlQuery scope) {
    return media.durations(scope);
  }

  /** Every derived file of an item made so far (one read, for listings). */
  public List<Derived> derived(UUID evidenceId) {
    return media.derived(evidenceId);
  }

  /**
   * Forgets an item's derived files, in the caller's transaction: for a disposal, which deletes
   * their objects with the original (derived files are not evidence; they can always be made again
   * while the original exists, and never once it is gone).
   */
  public void forgetDerived(UUID evidenceId) {
    media.deleteDerived(evidenceId);
  }

  /**
   * Probes a local copy of an original with FFmpeg (as the media job does): its facts, or {@link
   * MediaUnprocessableException} naming why it does not open as audio or video.
   */
  public MediaFacts probe(java.nio.file.Path file) {
    return MediaProcessor.probe(file).facts();
  }

  /** The derived file of a kind, once made. */
  public Optional<Derived> derived(UUID evidenceId, Derived.Kind kind) {
    return media.derived(evidenceId, kind);
  }
}
