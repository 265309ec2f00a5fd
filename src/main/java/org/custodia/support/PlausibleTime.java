package org.custodia.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A date or time an enforcement record can carry: from {@value #FROM} to {@value #UNTIL} (UTC).
 * Year 0000 or +99999 is a typing slip or an attack, never a certificate's validity or an action's
 * time; null is left to {@code @NotNull}.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {PlausibleTime.ForDate.class, PlausibleTime.ForInstant.class})
public @interface PlausibleTime {
  String FROM = "1900-01-01";
  String UNTIL = "2199-12-31";

  String message() default "must be between " + FROM + " and " + UNTIL;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The range itself. */
  final class Range {
    static final LocalDate EARLIEST = LocalDate.parse(FROM);
    static final LocalDate LATEST = LocalDate.parse(UNTIL);

    private Range() {}

    /** Whether {@code d} lies in the range (null does). */
    public static boolean holds(LocalDate d) {
      return d == null || (!d.isBefore(EARLIEST) && !d.isAfter(LATEST));
    }

    /** Whether {@code t} lies in the range (null does). */
    public static boolean holds(Instant t) {
      return t == null
          || (!t.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
              && t.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
  }

  /** For dates. */
  class ForDate implements ConstraintValidator<PlausibleTime, LocalDate> {
    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
      return Range.holds(value);
    }
  }

  /** For instants. */
  class ForInstant implements ConstraintValidator<PlausibleTime, Instant> {
    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
      return Range.holds(value);
    }
  }
}
