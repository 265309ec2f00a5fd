package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ViewingSessionsTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final ViewingSessions sessions = new ViewingSessions(Duration.ofMinutes(30), now::get);
  private final AuditEvent.Target caseA = AuditEvent.Target.of("case", UUID.randomUUID());
  private final AuditEvent.Target caseB = AuditEvent.Target.of("case", UUID.randomUUID());

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void the_first_access_opens_a_session_and_the_next_ones_in_the_window_do_not() {
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
    advance(Duration.ofMinutes(10));
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isFalse();
    // each access moves the window: 29 minutes after the last one is still the same session
    advance(Duration.ofMinutes(29));
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isFalse();
  }

  @Test
  void after_the_idle_window_the_next_access_opens_a_new_session() {
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
    advance(Duration.ofMinutes(30));
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).as("exactly the window").isFalse();
    advance(Duration.ofMinutes(30).plusNanos(1));
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
  }

  @Test
  void viewer_target_and_access_each_make_a_session_of_their_own() {
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
    assertThat(sessions.touch("USER:2", "case.viewed", caseA)).isTrue();
    assertThat(sessions.touch("USER:1", "case.viewed", caseB)).isTrue();
    assertThat(sessions.touch("USER:1", "evidence.streamed", caseA)).isTrue();
    // same target id, another target type
    assertThat(sessions.touch("USER:1", "case.viewed", AuditEvent.Target.of("x", caseA.id())))
        .isTrue();
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isFalse();
    assertThat(sessions.open()).isEqualTo(5);
  }

  @Test
  void a_forgotten_session_opens_again_on_the_next_access() {
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
    sessions.forget("USER:1", "case.viewed", caseA);
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isFalse();
  }

  @Test
  void expiry_drops_idle_sessions_only() {
    sessions.touch("USER:1", "case.viewed", caseA);
    advance(Duration.ofMinutes(20));
    sessions.touch("USER:1", "case.viewed", caseB);
    advance(Duration.ofMinutes(15));
    sessions.expire();
    assertThat(sessions.open()).isEqualTo(1);
    assertThat(sessions.touch("USER:1", "case.viewed", caseB)).isFalse();
    assertThat(sessions.touch("USER:1", "case.viewed", caseA)).isTrue();
  }

  @Test
  void the_window_must_be_positive() {
    assertThatThrownBy(() -> new ViewingSessions(Duration.ZERO, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
