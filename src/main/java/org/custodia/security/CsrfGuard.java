package org.custodia.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A browser sends its session cookie with every request, also with one a hostile page makes it
 * send. So every unsafe request (POST, PUT, PATCH, DELETE, …) authenticated by the cookie must
 * carry the session's CSRF token in {@value SessionCookie#CSRF_HEADER}, which another origin cannot
 * read; without it, or with another, it is refused 403 ({@code csrf}) and audited as a denial.
 * Requests with a bearer token are not concerned (the token is not sent by the browser on its own),
 * nor is the sign-in form, which has its own double-submit token.
 */
public class CsrfGuard {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  /** The sign-in form: guarded by its own double-submit token (the web UI's sign-in page). */
  static final String SIGN_IN_PATH = "/login";

  private final CurrentIdentityAssociation identity;
  private final DenialRecorder denials;

  CsrfGuard(CurrentIdentityAssociation identity, DenialRecorder denials) {
    this.identity = identity;
    this.denials = denials;
  }

  @ServerRequestFilter(preMatching = true)
  public Uni<Void> requireToken(ContainerRequestContext request) {
    if (SAFE.contains(request.getMethod())
        || request.getHeaderString("Authorization") != null
        || !request.getCookies().containsKey(SessionCookie.NAME)
        || SIGN_IN_PATH.equals(request.getUriInfo().getRequestUri().getRawPath())) {
      return Uni.createFrom().voidItem();
    }
    String sent = request.getHeaderString(SessionCookie.CSRF_HEADER);
    String path = request.getUriInfo().getRequestUri().getRawPath();
    return identity
        .getDeferredIdentity()
        .onItem()
        .transformToUni(
            id -> {
              Object expected = id.getAttribute(Caller.ATTR_CSRF);
              if (expected == null || matches(expected.toString(), sent)) {
                return Uni.createFrom().voidItem();
              }
              // resolved here without blocking: the denial names the signed-in user
              identity.setIdentity(id);
              denials.denied(403, path, "csrf");
              return Uni.createFrom()
                  .failure(
                      new CustodiaException(
                          ProblemType.CSRF,
                          "a request signed in by the session cookie must send the session's"
                              + " CSRF token in "
                              + SessionCookie.CSRF_HEADER));
            });
  }

  /** Constant-time comparison of the expected and the sent token. */
  static boolean matches(String expected, String sent) {
    return sent != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
