package org.custodia.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Receipt signing ({@code custodia.signing.*}). */
@ConfigMapping(prefix = "custodia.signing")
public interface SigningConfig {
  /**
   * A PKCS#12 file holding the hierarchy (aliases {@code root-ec}, {@code root-sm2}, {@code tsa},
   * {@code signer-ec}, {@code signer-sm2}); when absent, keys are generated into {@code
   * <data-dir>/keys/signing/}.
   */
  Optional<String> pkcs12Path();

  Optional<String> pkcs12Password();

  /** URL of an external RFC 3161 TSA; when absent, the built-in TSA stamps. */
  Optional<String> tsaUrl();

  /**
   * PEM file with the CA certificate(s) of the external TSA: tokens whose TSA certificate one of
   * them issued verify (the built-in TSA is always trusted through the P-256 root).
   */
  Optional<String> tsaTrustPem();

  /** Whether the built-in TSA stamps when the external one fails. */
  @WithDefault("true")
  boolean tsaFallback();

  /** Connect and answer timeout of the external TSA. */
  @WithDefault("PT5S")
  Duration tsaTimeout();

  /** Cadence of the job that signs unsigned items (failed ones, and items older than receipts). */
  @WithDefault("30s")
  String retryEvery();

  /** How long a failed item waits before the next attempt. */
  @WithDefault("PT30S")
  Duration retryDelay();

  /**
   * How old a pending item must be before the job signs it (its signing after commit did not
   * happen).
   */
  @WithDefault("PT10S")
  Duration backfillGrace();

  /** Items signed per job run. */
  @WithDefault("200")
  int batchSize();
}
