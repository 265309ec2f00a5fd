package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.AuthService;
import org.custodia.security.BrowserSessionService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.SessionCookie;
import org.custodia.security.TooManyAttemptsException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Browser sign-in and sign-out. GET /login shows the form with a fresh login CSRF token, also set
 * as the cookie {@value #LOGIN_COOKIE} (double submit: a hostile page can make the browser post the
 * form, but cannot read the cookie to fill in the field). POST /login checks it, then the password
 * through {@link AuthService} (the API's throttling and audit), opens a server-side session and
 * sets its cookie; POST /logout ends the session.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
  /** The login form's double-submit cookie (path /login only). */
  static final String LOGIN_COOKIE = "custodia_login";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

  private final AuthService auth;
  private final Caller caller;

  SignInPage(AuthService auth, Caller caller) {
    this.auth = auth;
    this.caller = caller;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance form(
        String csrf, String next, String username, String error, long retryAfter);
  }

  @GET
  @Path("login")
  @PermitAll
  @Operation(hidden = true)
  public Response form(
      @QueryParam("next") String next,
      @CookieParam(LOGIN_COOKIE) String csrfCookie,
      @Context UriInfo uri) {
    String target = SafeRedirect.target(next);
    if (caller.authenticated() && caller.sessionId() != null) {
      // already signed in (e.g. a link opened in another tab): go on
      return Response.seeOther(URI.create(target)).build();
    }
    return form(200, target, "", null, 0, csrfCookie, uri);
  }

  @POST
  @Path("login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response signIn(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next,
      @FormParam("csrf") String csrf,
      @CookieParam(LOGIN_COOKIE) String csrfCookie,
      @Context UriInfo uri) {
    String target = SafeRedirect.target(next);
    String typed = username == null ? "" : username.strip();
    if (csrf == null || csrfCookie == null || !constantTimeEquals(csrf, csrfCookie)) {
      return form(403, target, typed, "expired", 0, null, uri);
    }
    if (typed.isEmpty()
        || typed.length() > 64
        || password == null
        || password.isEmpty()
        || password.length() > 256) {
      return form(400, target, typed.length() > 64 ? "" : typed, "missing", 0, csrfCookie, uri);
    }
    BrowserSessionService.Opened opened;
    try {
      opened = auth.openBrowserSession(typed, password, "/login");
    } catch (TooManyAttemptsException e) {
      return form(
          429, target, typed, "throttled", e.retryAfterSeconds().orElse(60), csrfCookie, uri);
    } catch (CustodiaException e) {
      if (e.problem() == ProblemType.INVALID_CREDENTIALS) {
        return form(401, target, typed, "credentials", 0, csrfCookie, uri);
      }
      throw e;
    }
    return Response.seeOther(URI.create(target))
        .cookie(sessionCookie(opened.token(), uri), clearedLoginCookie(uri))
        .build();
  }

  @POST
  @Path("logout")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response signOut(
      @CookieParam(SessionCookie.NAME) String token,
      @HeaderParam("HX-Request") String htmx,
      @Context UriInfo uri) {
    auth.closeBrowserSession(token);
    NewCookie cleared = clearedSessionCookie(uri);
    if (htmx != null) {
      // htmx follows a redirect inside the page; HX-Redirect makes it load the sign-in page
      return Response.noContent().header("HX-Redirect", "/login").cookie(cleared).build();
    }
    return Response.seeOther(URI.create("/login")).cookie(cleared).build();
  }

  /**
   * The sign-in form. Its token is the browser's current login cookie when it has one (several
   * tabs, and the page's own check whether it is signed in already, must not invalidate each
   * other's forms), else a new one.
   */
  private Response form(
      int status,
      String next,
      String username,
      String error,
      long retryAfter,
      String existingCsrf,
      UriInfo uri) {
    String csrf =
        existingCsrf != null && TOKEN.matcher(existingCsrf).matches() ? existingCsrf : secret();
    Response.ResponseBuilder response = Response.status(status);
    if (retryAfter > 0) {
      response.header("Retry-After", retryAfter);
    }
    return response
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .cookie(
            new NewCookie.Builder(LOGIN_COOKIE)
                .value(csrf)
                .path("/login")
                .httpOnly(true)
                .secure(https(uri))
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(3600)
                .build())
        .entity(Templates.form(csrf, next, username, error, retryAfter))
        .build();
  }

  static NewCookie sessionCookie(String token, UriInfo uri) {
    return new NewCookie.Builder(SessionCookie.NAME)
        .value(token)
        .path("/")
        .httpOnly(true)
        .secure(https(uri))
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  private static NewCookie clearedSessionCookie(UriInfo uri) {
    return new NewCookie.Builder(SessionCookie.NAME)
        .value("")
        .path("/")
        .httpOnly(true)
        .secure(https(uri))
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(0)
        .build();
  }

  private static NewCookie clearedLoginCookie(UriInfo uri) {
    return new NewCookie.Builder(LOGIN_COOKIE)
        .value("")
        .path("/login")
        .httpOnly(true)
        .secure(https(uri))
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(0)
        .build();
  }

  /**
   * Whether the request came over HTTPS. The scheme reflects {@code X-Forwarded-Proto} only when
   * Quarkus is told to trust a proxy ({@code quarkus.http.proxy.proxy-address-forwarding}); it is
   * not by default, so a forged header cannot change it.
   */
  static boolean https(UriInfo uri) {
    return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
