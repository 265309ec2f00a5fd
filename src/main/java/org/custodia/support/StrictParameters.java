package org.custodia.support;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Query and header parameters are parsed here, so that one that does not parse is a 400 naming it
 * (JAX-RS would answer 404 for a query parameter) and text that cannot be stored exactly is refused
 * ({@link Text}). Path parameters keep their 404: a malformed id names no resource.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    String name = name(annotations);
    if (name == null) {
      return null;
    }
    boolean path = name.startsWith("/");
    String parameter = path ? name.substring(1) : name;
    if (rawType == String.class) {
      return (ParamConverter<T>) converter(parameter, s -> Text.require(parameter, s));
    }
    if (path) {
      return null;
    }
    if (rawType == Integer.class || rawType == int.class) {
      return (ParamConverter<T>)
          converter(parameter, number(parameter, "an integer", Integer::valueOf));
    }
    if (rawType == Long.class || rawType == long.class) {
      return (ParamConverter<T>)
          converter(parameter, number(parameter, "an integer", Long::valueOf));
    }
    if (rawType == UUID.class) {
      return (ParamConverter<T>)
          converter(parameter, parsed(parameter, "a UUID", UUID::fromString));
    }
    if (rawType == Instant.class) {
      return (ParamConverter<T>)
          converter(
              parameter,
              parsed(
                  parameter,
                  "an RFC 3339 time such as 2026-01-31T08:00:00Z",
                  s ->
                      inRange(
                          parameter,
                          Instant.parse(s),
                          PlausibleTime.Range.holds(Instant.parse(s)))));
    }
    if (rawType == LocalDate.class) {
      return (ParamConverter<T>)
          converter(
              parameter,
              parsed(
                  parameter,
                  "a date such as 2026-01-31",
                  s ->
                      inRange(
                          parameter,
                          LocalDate.parse(s),
                          PlausibleTime.Range.holds(LocalDate.parse(s)))));
    }
    if (rawType.isEnum()) {
      Class<? extends Enum> type = (Class<? extends Enum>) rawType;
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      return (ParamConverter<T>)
          converter(parameter, parsed(parameter, "one of " + allowed, s -> Enum.valueOf(type, s)));
    }
    return null;
  }

  /** The parameter's name; a path parameter's with a leading slash. */
  private static String name(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a instanceof QueryParam q) {
        return q.value();
      }
      if (a instanceof HeaderParam h) {
        return h.value();
      }
      if (a instanceof PathParam p) {
        return "/" + p.value();
      }
    }
    return null;
  }

  private static <T> Function<String, T> number(
      String parameter, String what, Function<String, T> parse) {
    return parsed(parameter, what, s -> parse.apply(s.trim()));
  }

  private static <T> Function<String, T> parsed(
      String parameter, String what, Function<String, T> parse) {
    return s -> {
      Text.require(parameter, s);
      try {
        return parse.apply(s);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new InvalidParameterException(parameter, parameter + " must be " + what);
      }
    };
  }

  private static <T> T inRange(String parameter, T value, boolean holds) {
    if (!holds) {
      throw new InvalidParameterException(
          parameter,
          parameter + " must be between " + PlausibleTime.FROM + " and " + PlausibleTime.UNTIL);
    }
    return value;
  }

  private static <T> ParamConverter<T> converter(String parameter, Function<String, T> from) {
    return new ParamConverter<>() {
      @Override
      public T fromString(String value) {
        if (value == null) {
          return null;
        }
        try {
          return from.apply(value);
        } catch (org.custodia.error.CustodiaException e) {
          throw new InvalidParameterException(parameter, e.detail());
        }
      }

      @Override
      public String toString(T value) {
        return value == null ? null : value.toString();
      }
    };
  }
}
