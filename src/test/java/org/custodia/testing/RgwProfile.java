package org.custodia.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} against a Ceph RADOS Gateway (started by {@link
 * EmbeddedServicesResource} with {@code scripts/rgw}) instead of S3Proxy: a store that enforces S3
 * Object Lock.
 */
public class RgwProfile implements QuarkusTestProfile {}
