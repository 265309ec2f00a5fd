package org.custodia.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every template instance created while a request is handled is rendered in that request's language
 * ({@link WebContext#locale()}), so that {@code {layout:…}} and every other message bundle speak it
 * without page code doing anything. A page may still call {@code setLocale} itself.
 */
@Singleton
public class PageLocale {
  void configure(@Observes EngineBuilder builder) {
    builder.addTemplateInstanceInitializer(PageLocale::localize);
  }

  private static void localize(TemplateInstance instance) {
    ArcContainer arc = Arc.container();
    if (arc != null && arc.requestContext().isActive()) {
      instance.setLocale(arc.instance(WebContext.class).get().locale());
    }
  }
}
