package org.custodia.integrity;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.ingest.EvidenceIngested;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * Signs a receipt for every evidence item: right after the item's transaction commits (off the
 * request thread), and from a scheduled job for items whose signing failed or that predate
 * receipts. Signing never holds up or endangers the evidence: a failure leaves the item stored and
 * flagged unsigned (state FAILED, with the reason) until the job succeeds.
 */
@ApplicationScoped
public class ReceiptService {
  private static final Logger LOG = Logger.getLogger(ReceiptService.class);
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_FAILURES_PER_RUN = 3;

  private final Signing signing;
  private final SigningConfig config;
  private final ReceiptRepository receipts;
  private final EvidenceService evidence;
  private final ObjectStore store;
  private final AuditService audit;
  private final ThreadPoolExecutor workers;
  private final Timer signTime;
  private final Event<ReceiptSigned> signed;

  ReceiptService(
      Signing signing,
      SigningConfig config,
      ReceiptRepository receipts,
      EvidenceService evidence,
      ObjectStore store,
      AuditService audit,
      MeterRegistry metrics,
      Event<ReceiptSigned> signed) {
    this.signed = signed;
    this.signing = signing;
    this.config = config;
    this.receipts = receipts;
    this.evidence = evidence;
    this.store = store;
    this.audit = audit;
    this.signTime =
        Timer.builder("custodia.signing.duration")
            .description("signing one receipt: both CMS signatures and the RFC 3161 timestamp")
            .register(metrics);
    FunctionCounter.builder(
            "custodia.signing.tsa.fallbacks", Timestamper.FALLBACKS, AtomicLong::doubleValue)
        .description("timestamps the built-in TSA gave because the external one failed")
        .register(metrics);
    FunctionCounter.builder(
            "custodia.signing.tsa.failures", Timestamper.EXTERNAL_FAILURES, AtomicLong::doubleValue)
        .description("failed requests to the external TSA")
        .register(metrics);
    Gauge.builder(
            "custodia.receipts.unsigned",
            receipts,
            r -> {
              try {
                return r.unsignedCount();
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description("items whose receipt is not signed yet (pending or failed)")
        .register(metrics);
    this.workers =
        new ThreadPoolExecutor(
            1,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
              Thread t = new Thread(r, "receipt-signer");
              t.setDaemon(true);
              return t;
            },
            // a full queue drops the task: the retry job signs the item later
            new ThreadPoolExecutor.DiscardPolicy());
  }

  @PreDestroy
  void stop() {
    workers.shutdown();
  }

  /** A new item is being indexed: its obligation to be signed commits with it. */
  void onIndexed(@Observes(during = TransactionPhase.IN_PROGRESS) EvidenceIngested event) {
    receipts.insertPending(event.evidenceId());
  }

  /** A new item committed: sign it off the request thread. */
  void onIngested(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvidenceIngested event) {
    workers.execute(() -> sign(event.evidenceId()));
  }

  /** Outcome of one signing attempt. */
  enum Outcome {
    SIGNED,
    ALREADY_SIGNED,
    FAILED,
    NOT_FOUND
  }

  /** Signs one item now (in its own transaction); never throws. */
  public Outcome sign(UUID evidenceId) {
    try {
      return QuarkusTransaction.requiringNew().call(() -> signInTransaction(evidenceId));
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warnf("evidence %s stays unsigned for now (will retry): %s", evidenceId, reason);
      try {
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  int attempts = receipts.markFailed(evidenceId, reason);
                  if (attempts == 1) {
                    audit.recordSystem(
                        "evidence.signing-failed",
                        AuditEvent.Target.of("evidence", evidenceId),
                        Map.of("reason", reason));
                  }
                });
      } catch (RuntimeException again) {
        LOG.warnf("cannot record the signing failure of %s: %s", evidenceId, again.getMessage());
      }
      return Outcome.FAILED;
    }
  }

  private Outcome signInTransaction(UUID evidenceId) {
    Evidence e = evidence.find(evidenceId).orElse(null);
    if (e == null) {
      return Outcome.NOT_FOUND;
    }
    if (receipts.lockSigned(evidenceId)) {
      return Outcome.ALREADY_SIGNED;
    }
    byte[] json = Receipts.json(e);
    long started = System.nanoTime();
    ReceiptSigner.SignedReceipt s = signing.signer().sign(json);
    signTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    // bytes durable in the store before the row commits
    put(evidenceId, Receipts.JSON, json, "application/json");
    put(evidenceId, Receipts.P7S, s.p7s(), "application/pkcs7-signature");
    put(evidenceId, Receipts.SM2_P7S, s.sm2P7s(), "application/pkcs7-signature");
    put(evidenceId, Receipts.TSR, s.tsr(), "application/octet-stream");
    if (!Timestamper.BUILT_IN.equals(s.tsa())) {
      signing.registerExternalTsa(s.tsr());
    }
    receipts.markSigned(evidenceId, json, s, Instant.now().truncatedTo(ChronoUnit.MICROS));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("receiptSha256", HEX.formatHex(Timestamper.sha256(json)));
    details.put("generation", s.generation());
    details.put("ecCertSha256", HEX.formatHex(s.ecCertSha256()));
    details.put("sm2CertSha256", HEX.formatHex(s.sm2CertSha256()));
    details.put("tsa", s.tsa());
    audit.recordSystem("evidence.signed", AuditEvent.Target.of("evidence", evidenceId), details);
    signed.fire(new ReceiptSigned(evidenceId));
    return Outcome.SIGNED;
  }

  private void put(UUID evidenceId, String file, byte[] bytes, String contentType) {
    store.put(
        BucketRole.RECEIPTS,
        Receipts.objectKey(evidenceId, file),
        new ByteArrayInputStream(bytes),
        bytes.length,
        contentType,
        Map.of("evidence-id", evidenceId.toString()));
  }

  @Scheduled(
      every = "${custodia.signing.retry-every:30s}",
      delayed = "${custodia.signing.retry-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void retryJob() {
    try {
      signPending();
    } catch (RuntimeException e) {
      LOG.warnf("receipt retry job failed, will run again: %s", e.getMessage());
    }
  }

  /**
   * Signs what is unsigned (failed earlier, or older than receipts); returns how many got signed.
   */
  public int signPending() {
    signing.refresh();
    List<UUID> ids =
        receipts.unsigned(config.retryDelay(), config.backfillGrace(), config.batchSize());
    int signed = 0;
    int failedInARow = 0;
    for (UUID id : ids) {
      Outcome outcome = sign(id);
      if (outcome == Outcome.SIGNED) {
        signed++;
      }
      failedInARow = outcome == Outcome.FAILED ? failedInARow + 1 : 0;
      if (failedInARow >= MAX_FAILURES_PER_RUN) {
        // a TSA or store outage fails every item (each after a timeout): try again next run
        LOG.warnf("receipt retry job stops after %d failures in a row", failedInARow);
        break;
      }
    }
    if (signed > 0) {
      LOG.infof("signed %d receipt(s) of %d pending", signed, ids.size());
    }
    return signed;
  }
}
