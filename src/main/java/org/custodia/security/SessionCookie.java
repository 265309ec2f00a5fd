package org.custodia.security;

/** Names shared by the browser-session mechanism, the CSRF guard and the web UI. */
public final class SessionCookie {
  /** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS. */
  public static final String NAME = "custodia_session";

  /** The header that carries the session's CSRF token on every unsafe request. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private SessionCookie() {}
}
