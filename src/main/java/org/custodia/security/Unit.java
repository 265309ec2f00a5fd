package org.custodia.security;

import java.time.Instant;
import java.util.UUID;

/** An enforcement unit (行政执法单位). */
public record Unit(UUID id, String code, String name, Instant createdAt) {}
