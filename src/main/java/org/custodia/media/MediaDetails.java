package org.custodia.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.EvidenceDetails;

/** Adds {@code media}, {@code derived} and {@code jobs} to a direct evidence read. */
@ApplicationScoped
class MediaDetails implements EvidenceDetails {
  private final MediaRepository media;
  private final JobQueue jobs;

  MediaDetails(MediaRepository media, JobQueue jobs) {
    this.media = media;
    this.jobs = jobs;
  }

  @Override
  public Map<String, Object> details(UUID evidenceId) {
    Map<String, Object> out = new LinkedHashMap<>();
    // the jobs first: the facts and files a job wrote are committed before it is SUCCEEDED, so a
    // reader that sees a finished job also sees what it made (each read is its own snapshot)
    List<MediaJob> queued = jobs.forEvidence(evidenceId);
    media.facts(evidenceId).ifPresent(f -> out.put("media", f));
    List<Derived> derived = media.derived(evidenceId);
    if (!derived.isEmpty()) {
      out.put("derived", derived);
    }
    if (!queued.isEmpty()) {
      out.put("jobs", queued);
    }
    return out;
  }
}
