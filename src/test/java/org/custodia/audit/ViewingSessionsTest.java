package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.custodia.support.Jdbc;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Viewing sessions over the real database. Time passing in the database is shown by ageing the
 * session rows (moving last-seen back), time passing on an instance by its clock.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ViewingSessionsTest {
  private static final Duration IDLE = Duration.ofMinutes(30);

  @Inject ViewingSessionRepository repository;
  @Inject AgroalDataSource db;

  private final AtomicLong now = new AtomicLong(1_000);
  private final String viewer = "USER:" + UUID.randomUUID();
  private final AuditEvent.Target caseA = AuditEvent.Target.of("case", UUID.randomUUID());
  private final AuditEvent.Target caseB = AuditEvent.Target.of("case", UUID.randomUUID());

  /** An instance that asks the database on every request (nothing remembered). */
  private ViewingSessions instance() {
    return new ViewingSessions(repository, IDLE, Duration.ZERO, now::get);
  }

  private boolean touch(ViewingSessions sessions, String who, String access, AuditEvent.Target t) {
    return QuarkusTransaction.requiringNew().call(() -> sessions.touch(who, access, t));
  }

  /** Moves every session of this test's viewer {@code d} into the past, as if that time passed. */
  private void age(Duration d) {
    Jdbc.update(
        db,
        "UPDATE viewing_session SET opened_at = opened_at - ? * interval '1 second',"
            + " last_seen = last_seen - ? * interval '1 second' WHERE viewer LIKE ?",
        d.toSeconds(),
        d.toSeconds(),
        viewer.substring(0, 20) + "%");
  }

  private int rows() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM viewing_session WHERE viewer LIKE ?",
            rs -> rs.getInt(1),
            viewer.substring(0, 20) + "%")
        .orElseThrow();
  }

  @Test
  void the_first_access_opens_a_session_and_the_next_ones_in_the_window_do_not() {
    ViewingSessions sessions = instance();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
    age(Duration.ofMinutes(10));
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isFalse();
    // each access moves the window: 29 minutes after the last one is still the same session
    age(Duration.ofMinutes(29));
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isFalse();
  }

  @Test
  void after_the_idle_window_the_next_access_opens_a_new_session() {
    ViewingSessions sessions = instance();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
    age(Duration.ofMinutes(30).plusSeconds(1));
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isFalse();
  }

  @Test
  void viewer_target_and_access_each_make_a_session_of_their_own() {
    ViewingSessions sessions = instance();
    String other = viewer.substring(0, 20) + "-other";
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
    assertThat(touch(sessions, other, "case.viewed", caseA)).isTrue();
    assertThat(touch(sessions, viewer, "case.viewed", caseB)).isTrue();
    assertThat(touch(sessions, viewer, "evidence.streamed", caseA)).isTrue();
    // same target id, another target type
    AuditEvent.Target sameId = AuditEvent.Target.of("x", caseA.id());
    assertThat(touch(sessions, viewer, "case.viewed", sameId)).isTrue();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isFalse();
    assertThat(rows()).isEqualTo(5);
  }

  @Test
  void a_session_opened_on_one_instance_is_open_on_another() {
    ViewingSessions first = instance();
    ViewingSessions second = instance();
    assertThat(touch(first, viewer, "evidence.streamed", caseA)).isTrue();
    assertThat(touch(second, viewer, "evidence.streamed", caseA)).isFalse();
    age(Duration.ofMinutes(31));
    assertThat(touch(second, viewer, "evidence.streamed", caseA)).isTrue();
    assertThat(touch(first, viewer, "evidence.streamed", caseA)).isFalse();
  }

  @Test
  void an_opening_rolled_back_is_not_kept() {
    ViewingSessions sessions = instance();
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          assertThat(sessions.touch(viewer, "case.viewed", caseA)).isTrue();
                          throw new IllegalStateException("the audit write failed");
                        }))
        .hasMessageContaining("audit write failed");
    assertThat(rows()).isZero();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
  }

  @Test
  void repeats_within_a_few_seconds_are_answered_by_the_instance_alone() {
    ViewingSessions sessions =
        new ViewingSessions(repository, IDLE, Duration.ofSeconds(5), now::get);
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).isFalse();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).isTrue();
    assertThat(sessions.seenHere(viewer, "case.viewed", caseB)).isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).as("5 s later").isFalse();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isFalse();
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).isTrue();
    sessions.forget(viewer, "case.viewed", caseA);
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).isFalse();
  }

  @Test
  void an_instance_never_remembers_a_session_for_half_the_window_or_longer() {
    ViewingSessions sessions =
        new ViewingSessions(repository, Duration.ofSeconds(4), Duration.ofMinutes(1), now::get);
    touch(sessions, viewer, "case.viewed", caseA);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(sessions.seenHere(viewer, "case.viewed", caseA)).isFalse();
  }

  @Test
  void expiry_drops_idle_sessions_only() {
    ViewingSessions sessions = instance();
    touch(sessions, viewer, "case.viewed", caseA);
    age(Duration.ofMinutes(20));
    touch(sessions, viewer, "case.viewed", caseB);
    age(Duration.ofMinutes(15));
    sessions.expire();
    assertThat(rows()).isEqualTo(1);
    assertThat(touch(sessions, viewer, "case.viewed", caseB)).isFalse();
    assertThat(touch(sessions, viewer, "case.viewed", caseA)).isTrue();
  }

  @Test
  void the_window_must_be_positive() {
    assertThatThrownBy(
            () -> new ViewingSessions(repository, Duration.ZERO, Duration.ZERO, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
