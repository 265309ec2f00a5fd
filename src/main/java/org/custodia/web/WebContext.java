package org.custodia.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;
import java.util.Locale;
import org.custodia.security.Caller;

/**
 * What every page's layout shows, for the current request: the language, the signed-in user and
 * role, the session's CSRF token and the current address (for the language switch). Templates read
 * it as {@code {inject:web.…}}.
 */
@RequestScoped
@Named("web")
public class WebContext {
  private final Caller caller;
  private final Instance<RoutingContext> routing;
  private Locale locale;

  WebContext(Caller caller, Instance<RoutingContext> routing) {
    this.caller = caller;
    this.routing = routing;
  }

  /** The language of this request's pages (see {@link Locales}). */
  public Locale locale() {
    if (locale == null) {
      RoutingContext rc = routing.isResolvable() ? routing.get() : null;
      Cookie cookie = rc == null ? null : rc.request().getCookie(Locales.COOKIE);
      locale =
          Locales.resolve(
              cookie == null ? null : cookie.getValue(),
              rc == null ? null : rc.request().getHeader("Accept-Language"));
    }
    return locale;
  }

  /** The language tag for {@code <html lang>}: "zh-CN" or "en". */
  public String lang() {
    return locale().toLanguageTag();
  }

  public boolean english() {
    return Locales.EN.equals(locale());
  }

  public boolean signedIn() {
    return caller.authenticated();
  }

  public String userName() {
    return caller.name();
  }

  /** The role's name (ADMIN, OFFICER, …); the layout translates it. */
  public String role() {
    return caller.roleName();
  }

  /** The session's CSRF token (empty when the request was not signed in by the cookie). */
  public String csrf() {
    String token = caller.csrfToken();
    return token == null ? "" : token;
  }

  /** The current path and query, for links that come back here (language switch). */
  public String here() {
    RoutingContext rc = routing.isResolvable() ? routing.get() : null;
    if (rc == null) {
      return "/";
    }
    String uri = rc.request().uri();
    return SafeRedirect.target(uri);
  }

  /** {@link #here()}, URL-encoded for a query parameter. */
  public String hereEncoded() {
    return java.net.URLEncoder.encode(here(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** This request's id (as in the audit log and the X-Request-Id header). */
  public String requestId() {
    return caller.requestId();
  }

  /** The current path, to mark the active navigation entry. */
  public String path() {
    RoutingContext rc = routing.isResolvable() ? routing.get() : null;
    return rc == null ? "/" : rc.request().path();
  }

  /** Whether the current page is {@code prefix} or below it. */
  public boolean at(String prefix) {
    String path = path();
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
