package org.custodia.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolver;
import org.hibernate.validator.spi.messageinterpolation.LocaleResolverContext;

/**
 * Bean Validation messages (the {@code errors[].message} of a 400 problem, in the API and on pages)
 * in the language of the request, chosen as for pages ({@link Locales#resolve}: the {@code lang}
 * cookie, else {@code Accept-Language}, else zh-CN). Outside a request: zh-CN. Quarkus' own
 * resolver (Accept-Language only) is excluded in application.properties: Hibernate Validator asks
 * the resolvers in no fixed order and takes the first answer.
 */
@ApplicationScoped
public class ValidationLocale implements LocaleResolver {
  @Override
  public Locale resolve(LocaleResolverContext context) {
    ArcContainer arc = Arc.container();
    if (arc == null || !arc.requestContext().isActive()) {
      return Locales.ZH_CN;
    }
    try {
      RoutingContext rc = arc.instance(RoutingContext.class).get();
      if (rc == null) {
        return Locales.ZH_CN;
      }
      Cookie cookie = rc.request().getCookie(Locales.COOKIE);
      return Locales.resolve(
          cookie == null ? null : cookie.getValue(), rc.request().getHeader("Accept-Language"));
    } catch (RuntimeException noRequest) {
      return Locales.ZH_CN;
    }
  }
}
