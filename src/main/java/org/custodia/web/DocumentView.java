package org.custodia.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Set;

/**
 * Which records the inline document viewer ({@code templates/parts/document.html}) shows in the
 * page: PDFs in a frame, images as images. Anything else is offered as a download only.
 */
public final class DocumentView {
  /** Image types every browser shows safely inline (no SVG: it could carry script). */
  static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  static final String PDF = "application/pdf";

  private DocumentView() {}

  static String base(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** Whether the viewer shows records of this type in the page. */
  public static boolean inline(String contentType) {
    return pdf(contentType) || image(contentType);
  }

  /** {@code {contentType.inlinePdf}} in templates. */
  @TemplateExtension
  static boolean inlinePdf(String contentType) {
    return pdf(contentType);
  }

  /** {@code {contentType.inlineImage}} in templates. */
  @TemplateExtension
  static boolean inlineImage(String contentType) {
    return image(contentType);
  }

  public static boolean pdf(String contentType) {
    return PDF.equals(base(contentType));
  }

  public static boolean image(String contentType) {
    return IMAGES.contains(base(contentType));
  }
}
