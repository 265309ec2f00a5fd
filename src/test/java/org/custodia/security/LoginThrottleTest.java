package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoginThrottleTest {

  @Test
  void locks_a_user_at_one_address_after_max_failures_but_not_at_another() {
    LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.retryAfterSeconds("alice", "10.0.0.1")).isZero();
      throttle.failed("alice", "10.0.0.1");
    }
    assertThat(throttle.retryAfterSeconds("alice", "10.0.0.1")).isBetween(1L, 300L);
    assertThat(throttle.retryAfterSeconds("alice", "10.0.0.2")).isZero();
    assertThat(throttle.retryAfterSeconds("bob", "10.0.0.1")).isZero();
  }

  @Test
  void locks_an_address_that_guesses_across_many_users() {
    LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(5));
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertThat(throttle.retryAfterSeconds("someone-else", "10.0.0.9")).isPositive();
    assertThat(throttle.retryAfterSeconds("someone-else", "10.0.0.10")).isZero();
  }

  @Test
  void a_success_clears_the_users_failures_and_the_window_expires() throws InterruptedException {
    LoginThrottle throttle = new LoginThrottle(2, 100, Duration.ofMillis(200));
    throttle.failed("carol", "a");
    throttle.succeeded("carol", "a");
    throttle.failed("carol", "a");
    assertThat(throttle.retryAfterSeconds("carol", "a")).isZero();
    throttle.failed("carol", "a");
    assertThat(throttle.retryAfterSeconds("carol", "a")).isPositive();
    Thread.sleep(250);
    assertThat(throttle.retryAfterSeconds("carol", "a")).isZero();
  }
}
