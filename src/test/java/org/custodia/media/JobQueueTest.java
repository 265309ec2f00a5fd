package org.custodia.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custodia.support.Jdbc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JobQueueTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  @Inject JobQueue queue;
  @Inject AgroalDataSource db;

  /** Each test has a kind of its own, so the service's workers (kind PROCESS) never touch it. */
  String kind;

  @BeforeEach
  void kind() {
    kind = "TEST_" + Long.toString(System.nanoTime(), 36).toUpperCase();
  }

  private MediaJob only(UUID evidenceId) {
    List<MediaJob> jobs = queue.forEvidence(evidenceId);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void concurrent_workers_claim_each_job_exactly_once() throws Exception {
    for (int i = 0; i < 40; i++) {
      queue.enqueue(kind, UUID.randomUUID(), 3);
    }
    Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> workers =
          List.of(0, 1, 2, 3).stream()
              .map(
                  w ->
                      pool.submit(
                          () -> {
                            int n = 0;
                            Optional<MediaJob> job;
                            while ((job = queue.claim(kind, "worker-" + w, LEASE)).isPresent()) {
                              assertThat(claimed.add(job.get().id())).isTrue();
                              assertThat(job.get().state()).isEqualTo(MediaJob.State.RUNNING);
                              assertThat(job.get().attempts()).isEqualTo(1);
                              n++;
                            }
                            return n;
                          }))
              .toList();
      int total = 0;
      for (Future<Integer> w : workers) {
        total += w.get();
      }
      assertThat(total).isEqualTo(40);
      assertThat(claimed).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void enqueueing_the_same_work_twice_keeps_one_job() {
    UUID evidence = UUID.randomUUID();
    queue.enqueue(kind, evidence, 3);
    queue.enqueue(kind, evidence, 3);
    assertThat(queue.forEvidence(evidence)).hasSize(1);
  }

  @Test
  void
      a_dead_workers_job_is_claimed_again_when_its_lease_expires_and_the_old_owner_cannot_finish_it()
          throws Exception {
    UUID evidence = UUID.randomUUID();
    queue.enqueue(kind, evidence, 3);
    MediaJob first = queue.claim(kind, "dies", Duration.ofMillis(50)).orElseThrow();
    assertThat(queue.claim(kind, "other", LEASE)).isEmpty(); // leased
    Thread.sleep(120);
    MediaJob second = queue.claim(kind, "takes-over", LEASE).orElseThrow();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.leaseOwner()).isEqualTo("takes-over");
    assertThat(queue.succeed(first.id(), "dies")).isFalse();
    assertThat(queue.progress(first.id(), "dies", 50, LEASE)).isFalse();
    assertThat(queue.progress(first.id(), "takes-over", 50, LEASE)).isTrue();
    assertThat(only(evidence).progress()).isEqualTo(50);
    assertThat(queue.succeed(first.id(), "takes-over")).isTrue();
    MediaJob done = only(evidence);
    assertThat(done.state()).isEqualTo(MediaJob.State.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.leaseOwner()).isNull();
    assertThat(done.finishedAt()).isNotNull();
  }

  @Test
  void failed_attempts_are_retried_with_exponential_backoff_then_dead_lettered_with_the_reason() {
    UUID evidence = UUID.randomUUID();
    queue.enqueue(kind, evidence, 3);
    Duration backoff = Duration.ofHours(1);
    for (int attempt = 1; attempt <= 2; attempt++) {
      MediaJob job = queue.claim(kind, "w", LEASE).orElseThrow();
      assertThat(job.attempts()).isEqualTo(attempt);
      Instant before = Instant.now();
      assertThat(queue.retry(job.id(), "w", "store unavailable #" + attempt, backoff)).isTrue();
      MediaJob queued = only(evidence);
      assertThat(queued.state()).isEqualTo(MediaJob.State.QUEUED);
      assertThat(queued.lastError()).isEqualTo("store unavailable #" + attempt);
      Duration wait = Duration.between(before, queued.runAfter());
      Duration expected = backoff.multipliedBy(1L << (attempt - 1));
      assertThat(wait).isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
      // not before its time
      assertThat(queue.claim(kind, "w", LEASE)).isEmpty();
      Jdbc.update(db, "UPDATE media_job SET run_after = now() WHERE id = ?", job.id());
    }
    MediaJob last = queue.claim(kind, "w", LEASE).orElseThrow();
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(queue.retry(last.id(), "w", "store unavailable #3", backoff)).isTrue();
    MediaJob dead = only(evidence);
    assertThat(dead.state()).isEqualTo(MediaJob.State.DEAD);
    assertThat(dead.lastError()).isEqualTo("store unavailable #3");
    assertThat(dead.finishedAt()).isNotNull();
    Jdbc.update(db, "UPDATE media_job SET run_after = now() WHERE id = ?", last.id());
    assertThat(queue.claim(kind, "w", LEASE)).isEmpty();
  }

  @Test
  void a_job_whose_lease_expires_on_its_last_attempt_is_dead_lettered() throws Exception {
    UUID evidence = UUID.randomUUID();
    queue.enqueue(kind, evidence, 1);
    queue.claim(kind, "crashes", Duration.ofMillis(50)).orElseThrow();
    Thread.sleep(120);
    assertThat(queue.claim(kind, "w", LEASE)).isEmpty();
    MediaJob dead = only(evidence);
    assertThat(dead.state()).isEqualTo(MediaJob.State.DEAD);
    assertThat(dead.lastError()).contains("lease of crashes expired on attempt 1 of 1");
  }

  @Test
  void unprocessable_media_fails_the_job_at_once_without_retry() {
    UUID evidence = UUID.randomUUID();
    queue.enqueue(kind, evidence, 3);
    MediaJob job = queue.claim(kind, "w", LEASE).orElseThrow();
    assertThat(queue.fail(job.id(), "w", "FFmpeg: moov atom not found")).isTrue();
    MediaJob failed = only(evidence);
    assertThat(failed.state()).isEqualTo(MediaJob.State.FAILED);
    assertThat(failed.lastError()).isEqualTo("FFmpeg: moov atom not found");
    assertThat(queue.claim(kind, "w", LEASE)).isEmpty();
  }
}
