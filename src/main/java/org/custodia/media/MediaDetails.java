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
    media.facts(evidenceId).ifPresent(f -> out.put("media", f));
    List<Derived> derived = media.derived(evidenceId);
    if (!derived.isEmpty()) {
      out.put("derived", derived);
    }
    List<MediaJob> queued = jobs.forEvidence(evidenceId);
    if (!queued.isEmpty()) {
      out.put("jobs", queued);
    }
    return out;
  }
}
