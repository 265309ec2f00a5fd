package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custodia.support.Jdbc;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * "Audited once per viewing session" across instances: two independent {@link ViewingAudit}s, each
 * with its own {@link ViewingSessions} (its own memory), over the one database, as two service
 * instances behind a load balancer are.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ViewingAuditTest {
  private static final String TYPE = "test.viewed";

  @Inject ViewingSessionRepository repository;
  @Inject AgroalDataSource db;

  private final AuditEvent.Target target = AuditEvent.Target.of("test", UUID.randomUUID());
  private final AuditActor viewer =
      new AuditActor() {
        private final AuditEvent.Actor actor =
            new AuditEvent.Actor("USER", UUID.randomUUID().toString(), "127.0.0.1");

        @Override
        public AuditEvent.Actor actor() {
          return actor;
        }

        @Override
        public String actorRole() {
          return "REVIEWER";
        }

        @Override
        public String actorUnit() {
          return null;
        }

        @Override
        public String requestId() {
          return UUID.randomUUID().toString();
        }
      };

  private ViewingAudit instance() {
    return new ViewingAudit(
        new AuditService(db, viewer),
        viewer,
        new ViewingSessions(
            repository, Duration.ofMinutes(30), ViewingSessions.RECENT, System::nanoTime));
  }

  private int events() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ?",
            rs -> rs.getInt(1),
            TYPE,
            target.id())
        .orElseThrow();
  }

  @Test
  void requests_of_one_session_racing_on_two_instances_are_audited_exactly_once() throws Exception {
    List<ViewingAudit> instances = List.of(instance(), instance());
    int requests = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> recorded = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        ViewingAudit audit = instances.get(i % 2);
        recorded.add(
            pool.submit(
                () -> {
                  go.await();
                  return audit.recordOnce(TYPE, target, () -> Map.of("firstRange", "0-1"));
                }));
      }
      go.countDown();
      int audited = 0;
      for (Future<Boolean> r : recorded) {
        audited += r.get() ? 1 : 0;
      }
      assertThat(audited).as("requests that recorded the event").isEqualTo(1);
      assertThat(events()).as("events in the audit log").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    // later requests on either instance stay in the session
    assertThat(instances.get(1).recordOnce(TYPE, target, Map::of)).isFalse();
    assertThat(instances.get(0).recordOnce(TYPE, target, Map::of)).isFalse();
    assertThat(events()).isEqualTo(1);
  }

  @Test
  void when_the_event_cannot_be_written_the_session_is_not_opened_anywhere() {
    ViewingAudit first = instance();
    ViewingAudit second = instance();
    assertThatThrownBy(
            () ->
                first.recordOnce(
                    TYPE,
                    target,
                    () -> {
                      throw new IllegalStateException("no details");
                    }))
        .hasMessageContaining("no details");
    assertThat(events()).isZero();
    assertThat(second.recordOnce(TYPE, target, Map::of)).as("the other instance").isTrue();
    assertThat(first.recordOnce(TYPE, target, Map::of)).isFalse();
    assertThat(events()).isEqualTo(1);
  }
}
