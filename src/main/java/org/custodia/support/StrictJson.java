package org.custodia.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read strictly: a string that cannot be stored exactly ({@link Text}) is
 * refused with its field named, and a member given twice is refused instead of the last one
 * silently winning.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.registerModule(
        new SimpleModule("custodia-strict-text").addDeserializer(String.class, new Strict()));
  }

  /** A string as Jackson reads it, refused when it could not be stored exactly. */
  static final class Strict extends StdScalarDeserializer<String> {
    Strict() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String s = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = Text.problem(s);
      if (problem != null) {
        throw InvalidFormatException.from(p, problem, s, String.class);
      }
      return s;
    }
  }
}
