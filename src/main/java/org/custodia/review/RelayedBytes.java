package org.custodia.review;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Supplier;

/**
 * A response entity: bytes to relay from the object store. {@code open} starts the ranged read
 * ({@link org.custodia.storage.RangedReads#open}); {@link RelayedBytesWriter} calls it on the
 * connection's event loop, so the store's answer and its first bytes are handled in order there.
 */
public record RelayedBytes(Supplier<Future<HttpClientResponse>> open) {}
