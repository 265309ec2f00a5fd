package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custodia.support.Jdbc;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The throttle over the real database. "Two instances" are two independent {@link LoginThrottle}s
 * sharing the HMAC key and the database, as two service instances do; nothing of one is visible to
 * the other but the table.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoginThrottleTest {
  @Inject LoginThrottleRepository counts;
  @Inject AgroalDataSource db;

  private final byte[] hmacKey = new byte[LoginThrottle.KEY_BYTES];

  {
    new SecureRandom().nextBytes(hmacKey);
  }

  private LoginThrottle instance(int maxFailures, int maxFailuresPerAddress, Duration window) {
    return new LoginThrottle(counts, hmacKey, maxFailures, maxFailuresPerAddress, window);
  }

  /** An address of this test alone: the table is shared with every other test. */
  private static String address() {
    return "test-" + UUID.randomUUID();
  }

  /** A failed login: the attempt is counted and not taken back. */
  private static boolean fails(LoginThrottle throttle, String user, String address) {
    return throttle.begin(user, address).allowed();
  }

  @Test
  void locks_a_user_at_one_address_after_max_failures_but_not_at_another() {
    LoginThrottle throttle = instance(3, 100, Duration.ofMinutes(5));
    String here = address();
    for (int i = 0; i < 3; i++) {
      assertThat(fails(throttle, "alice", here)).isTrue();
    }
    LoginThrottle.Attempt refused = throttle.begin("alice", here);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 300L);
    assertThat(throttle.begin("alice", address()).allowed()).isTrue();
    assertThat(throttle.begin("bob", here).allowed()).isTrue();
  }

  @Test
  void locks_an_address_that_guesses_across_many_users() {
    LoginThrottle throttle = instance(3, 5, Duration.ofMinutes(5));
    String here = address();
    for (int i = 0; i < 5; i++) {
      assertThat(fails(throttle, "user" + i, here)).isTrue();
    }
    assertThat(throttle.begin("someone-else", here).retryAfterSeconds()).isPositive();
    assertThat(throttle.begin("someone-else", address()).allowed()).isTrue();
  }

  @Test
  void a_success_clears_the_users_failures_and_the_window_expires() throws InterruptedException {
    LoginThrottle throttle = instance(2, 100, Duration.ofMillis(300));
    String here = address();
    fails(throttle, "carol", here);
    throttle.succeeded(throttle.begin("carol", here));
    fails(throttle, "carol", here);
    assertThat(throttle.begin("carol", here).allowed())
        .as("the second failure is allowed")
        .isTrue();
    assertThat(throttle.begin("carol", here).allowed()).isFalse();
    Thread.sleep(350);
    assertThat(throttle.begin("carol", here).allowed()).isTrue();
  }

  @Test
  void successes_do_not_count_against_the_address() {
    LoginThrottle throttle = instance(2, 3, Duration.ofMinutes(5));
    String office = address();
    for (int i = 0; i < 10; i++) {
      LoginThrottle.Attempt attempt = throttle.begin("officer" + i, office);
      assertThat(attempt.allowed()).as("login " + i).isTrue();
      throttle.succeeded(attempt);
    }
    // the failures still count: 3 of them lock the address
    for (int i = 0; i < 3; i++) {
      assertThat(fails(throttle, "guess" + i, office)).isTrue();
    }
    assertThat(throttle.begin("officer0", office).allowed()).isFalse();
  }

  @Test
  void failures_spread_over_two_instances_are_counted_together() {
    LoginThrottle first = instance(3, 100, Duration.ofMinutes(5));
    LoginThrottle second = instance(3, 100, Duration.ofMinutes(5));
    String here = address();
    assertThat(fails(first, "dave", here)).isTrue();
    assertThat(fails(second, "dave", here)).isTrue();
    assertThat(fails(first, "dave", here)).isTrue();
    LoginThrottle.Attempt refused = second.begin("dave", here);
    assertThat(refused.allowed()).as("throttled on the other instance").isFalse();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 300L);
    // a success on one instance clears the user for both
    LoginThrottle other = instance(3, 100, Duration.ofMinutes(5));
    String there = address();
    fails(first, "erin", there);
    fails(first, "erin", there);
    other.succeeded(other.begin("erin", there));
    assertThat(fails(second, "erin", there)).isTrue();
    assertThat(fails(second, "erin", there)).isTrue();
    assertThat(fails(second, "erin", there)).isTrue();
    assertThat(first.begin("erin", there).allowed()).isFalse();
  }

  @Test
  void attempts_racing_on_two_instances_never_pass_the_limit() throws Exception {
    int max = 4;
    List<LoginThrottle> instances =
        List.of(
            instance(max, 100, Duration.ofMinutes(5)), instance(max, 100, Duration.ofMinutes(5)));
    String here = address();
    int attempts = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        LoginThrottle throttle = instances.get(i % 2);
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return throttle.begin("frank", here).allowed();
                }));
      }
      go.countDown();
      int allowed = 0;
      for (Future<Boolean> a : answers) {
        allowed += a.get() ? 1 : 0;
      }
      assertThat(allowed).as("attempts let through to the password check").isEqualTo(max);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void neither_the_typed_username_nor_the_address_is_stored() throws Exception {
    LoginThrottle throttle = instance(3, 100, Duration.ofMinutes(5));
    String here = address();
    String typed = "typed-" + UUID.randomUUID();
    fails(throttle, typed, here);
    assertThat(attemptsOf("u:" + typed + "|" + here)).contains(1);
    assertThat(attemptsOf("a:" + here)).contains(1);
    assertThat(
            Jdbc.one(
                db,
                "SELECT count(*) FROM login_throttle WHERE position(? in key) > 0"
                    + " OR position(? in key) > 0",
                rs -> rs.getInt(1),
                typed.getBytes(StandardCharsets.UTF_8),
                here.getBytes(StandardCharsets.UTF_8)))
        .contains(0);
  }

  @Test
  void keys_without_an_attempt_in_the_window_are_deleted() throws Exception {
    LoginThrottle throttle = instance(3, 100, Duration.ofMillis(300));
    String old = address();
    fails(throttle, "gina", old);
    Thread.sleep(350);
    String recent = address();
    fails(throttle, "gina", recent);
    throttle.deleteStale();
    assertThat(attemptsOf("a:" + old)).isEmpty();
    assertThat(attemptsOf("u:gina|" + old)).isEmpty();
    assertThat(attemptsOf("a:" + recent)).contains(1);
  }

  /**
   * How many attempts the row of a throttling key holds, found by its HMAC as the table keys it.
   */
  private Optional<Integer> attemptsOf(String throttlingKey) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
    return Jdbc.one(
        db,
        "SELECT cardinality(attempts) FROM login_throttle WHERE key = ?",
        rs -> rs.getInt(1),
        mac.doFinal(throttlingKey.getBytes(StandardCharsets.UTF_8)));
  }
}
