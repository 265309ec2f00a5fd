package org.custodia.media;

/** How many items were probed with a duration, and their total duration in milliseconds. */
public record ProbedDurations(long probed, long millis) {}
