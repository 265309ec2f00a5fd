package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.custodia.error.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every page answer shares, so that page authors need not think of it:
 *
 * <ul>
 *   <li>a page is never cached and says its language ({@code Content-Language}; {@link PageLocale}
 *       renders it in the request's language);
 *   <li>a problem answer ({@code application/problem+json}) on a page route becomes the translated
 *       HTML error page with the same status; 401 becomes a redirect (303) to the sign-in page,
 *       which comes back here afterwards. Another unit's record is "not found" (404), as in the
 *       API.
 * </ul>
 *
 * Page routes are all paths outside {@code /api/} and {@code /q/}; the API keeps its problems. Runs
 * before Qute's own response filter (which renders templates): higher priority number first.
 */
public class PageResponses {
  private final WebContext web;
  private final CurrentIdentityAssociation identity;

  PageResponses(WebContext web, CurrentIdentityAssociation identity) {
    this.web = web;
    this.identity = identity;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance error(int status, String requestId);
  }

  /** Whether {@code path} is a page route (not the API, not Quarkus' own endpoints). */
  public static boolean pageRoute(String path) {
    return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/"));
  }

  @ServerResponseFilter(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Uni<Void> pages(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    Object entity = response.getEntity();
    if (!pageRoute(path) || !(entity instanceof Problem || entity instanceof TemplateInstance)) {
      return Uni.createFrom().voidItem();
    }
    // the layout shows who is signed in: resolve the identity now, without blocking (an error
    // page may be rendered on the event loop)
    return identity
        .getDeferredIdentity()
        .onFailure()
        .recoverWithItem(
            // a bad bearer token on a page route: the page is shown as to a visitor
            () -> QuarkusSecurityIdentity.builder().setAnonymous(true).build())
        .onItem()
        .invoke(
            id -> {
              identity.setIdentity(id);
              page(request, response);
            })
        .replaceWithVoid();
  }

  private void page(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof Problem) {
      int status = response.getStatus();
      if (status == 401) {
        response.setEntity(null);
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        if (request.getHeaderString("HX-Request") != null) {
          // htmx would follow a redirect inside the page: it loads the sign-in page itself
          response.getHeaders().putSingle("HX-Redirect", signInFor(htmxPage(request)).toString());
          return;
        }
        response.setStatus(303);
        response.getHeaders().putSingle(HttpHeaders.LOCATION, signInFor(pageOf(request)));
        return;
      }
      response.setEntity(
          Templates.error(status, web.requestId()),
          null,
          MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
    response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, web.lang());
  }

  /** The page a GET asked for (path and query); other methods come back to the start page. */
  private static String pageOf(ContainerRequestContext request) {
    if (!HttpMethod.GET.equals(request.getMethod())) {
      return "/";
    }
    URI uri = request.getUriInfo().getRequestUri();
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** The page an htmx request was made from ({@code HX-Current-URL}), when it is ours. */
  private static String htmxPage(ContainerRequestContext request) {
    String current = request.getHeaderString("HX-Current-URL");
    if (current == null) {
      return "/";
    }
    try {
      URI page = URI.create(current);
      URI self = request.getUriInfo().getRequestUri();
      if (page.getRawAuthority() != null
          && !page.getRawAuthority().equals(self.getRawAuthority())) {
        return "/";
      }
      return page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery());
    } catch (IllegalArgumentException e) {
      return "/";
    }
  }

  private static URI signInFor(String page) {
    String next = SafeRedirect.target(page);
    return URI.create(
        next.equals("/")
            ? "/login"
            : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
  }
}
