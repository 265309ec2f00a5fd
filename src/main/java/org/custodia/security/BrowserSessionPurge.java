package org.custodia.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes browser sessions that can no longer be used (expired or idle). Such a session is refused
 * on its next request anyway; this only keeps the table small.
 */
@ApplicationScoped
public class BrowserSessionPurge {
  private final BrowserSessionService sessions;

  BrowserSessionPurge(BrowserSessionService sessions) {
    this.sessions = sessions;
  }

  @Scheduled(every = "10m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purge() {
    sessions.purgeStale();
  }
}
