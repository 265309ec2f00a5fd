package org.custodia.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name or number that must not begin or end with white space: a case number, a person's or a
 * unit's name. Text is stored exactly or refused, never altered, so {@code "A-1 "} is refused
 * instead of silently becoming {@code "A-1"} (or being stored beside it as a different case). Free
 * text (titles, notes, reasons) is stored exactly as typed instead. Null is left to
 * {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Unpadded.Check.class)
public @interface Unpadded {
  String message() default "{custodia.unpadded}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The validator. */
  class Check implements ConstraintValidator<Unpadded, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return !Text.padded(value);
    }
  }
}
