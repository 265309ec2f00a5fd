package org.custodia.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Service configuration ({@code custodia.*}); every key also reads from {@code CUSTODIA_*}. */
@ConfigMapping(prefix = "custodia")
public interface CustodiaConfig {

  /** Where keys, embedded PostgreSQL and the embedded S3 server keep their data. */
  @WithDefault("./data")
  String dataDir();

  S3 s3();

  Security security();

  /**
   * Password of the bootstrap admin ({@code CUSTODIA_BOOTSTRAP_ADMIN_PASSWORD}), used only when the
   * database holds no user; without it a random password is generated and printed once.
   */
  Optional<String> bootstrapAdminPassword();

  Storage storage();

  Embedded embedded();

  /** The embedded default (set by {@code CustodiaMain} and the tests, not by operators). */
  interface Embedded {
    /** Whether PostgreSQL or the S3 server was started embedded by this process. */
    @WithDefault("false")
    boolean active();

    /** Location of the S3Proxy jar used by the embedded default. */
    Optional<String> s3proxyJar();
  }

  interface S3 {
    /** S3 endpoint URL; the embedded default sets it when none is configured. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();

    /** Prefix of every bucket name, so several deployments can share one store. */
    @WithDefault("custodia-")
    String bucketPrefix();

    /** Timeout of the readiness probe against the object store. */
    @WithDefault("PT2S")
    Duration probeTimeout();

    /** Requests (and pooled connections) to the object store at once: streams, part uploads. */
    @WithDefault("128")
    int maxConnections();
  }

  interface Storage {
    /**
     * Directory holding bucket definitions (JSON). When absent, the definitions bundled in the
     * application (copied from {@code storage-config/} at build time) are used.
     */
    Optional<String> configDir();
  }

  interface Security {
    /** Lifetime of an access token. */
    @WithDefault("PT1H")
    Duration tokenTtl();

    /** Issuer written into and required of every access token. */
    @WithDefault("custodia")
    String issuer();

    Login login();

    Argon2 argon2();

    Session session();

    /** Browser sessions of the web UI (cookie {@code custodia_session}). */
    interface Session {
      /** A session not used for this long ends. */
      @WithDefault("PT30M")
      Duration idleTimeout();

      /** A session ends this long after sign-in, however busy. */
      @WithDefault("PT12H")
      Duration lifetime();

      /** Last-seen is written at most this often per session (media makes many requests). */
      @WithDefault("PT1M")
      Duration touchEvery();
    }

    interface Login {
      /** Failed attempts allowed per user+address in one window. */
      @WithDefault("5")
      int maxFailures();

      /** Failed attempts allowed per address (all users) in one window. */
      @WithDefault("20")
      int maxFailuresPerAddress();

      @WithDefault("PT5M")
      Duration window();
    }

    /** Argon2id parameters for password hashes (OWASP minimum: m=19 MiB, t=2, p=1). */
    interface Argon2 {
      @WithDefault("19456")
      int memoryKib();

      @WithDefault("2")
      int iterations();

      @WithDefault("1")
      int parallelism();
    }
  }
}
