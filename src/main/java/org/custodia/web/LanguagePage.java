package org.custodia.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The language switch: {@code GET /lang?to=en&next=/cases} remembers the language in the {@value
 * Locales#COOKIE} cookie (a year) and goes back to {@code next} (a path of this site only).
 */
@Path("/lang")
public class LanguagePage {
  @GET
  @PermitAll
  @Operation(hidden = true)
  public Response switchTo(
      @QueryParam("to") String to, @QueryParam("next") String next, @Context UriInfo uri) {
    Locale locale = Locales.supported(to);
    Response.ResponseBuilder back = Response.seeOther(URI.create(SafeRedirect.target(next)));
    if (locale == null) {
      return back.build();
    }
    return back.cookie(
            new NewCookie.Builder(Locales.COOKIE)
                .value(locale.toLanguageTag())
                .path("/")
                .secure(SignInPage.https(uri))
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(365 * 24 * 3600)
                .build())
        .build();
  }
}
