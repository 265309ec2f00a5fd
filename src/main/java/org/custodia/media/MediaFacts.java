package org.custodia.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** What probing found in an original. Null fields: not present or not reported by FFmpeg. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaFacts(
    String container,
    Long durationMs,
    String videoCodec,
    String audioCodec,
    Integer width,
    Integer height,
    Double frameRate,
    Long bitRate,
    Integer audioChannels,
    Integer sampleRate,
    String creationTime,
    Map<String, String> tags,
    boolean playsAsIs) {}
