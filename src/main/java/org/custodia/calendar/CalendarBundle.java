package org.custodia.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the holiday notices bundled with the application ({@code calendar/holiday-cn}, from
 * NateScarlet/holiday-cn, MIT) into the calendar at start, each year once; a bundled file that
 * breaks the calendar's rules stops the service from starting.
 */
@ApplicationScoped
class CalendarBundle {
  static final String DIRECTORY = "/calendar/holiday-cn/";
  private static final Logger LOG = Logger.getLogger(CalendarBundle.class);

  private final CalendarService calendar;
  private final ObjectMapper json;

  CalendarBundle(CalendarService calendar, ObjectMapper json) {
    this.calendar = calendar;
    this.json = json;
  }

  void onStart(@Observes @Priority(20) StartupEvent event) {
    for (String file : files()) {
      CalendarYear y = read(file);
      if (calendar.loadBundled(y)) {
        LOG.infof("calendar: loaded the bundled notice for %d", y.year());
      }
    }
  }

  static List<String> files() {
    try (InputStream in = resource("years.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One holiday-cn file: {@code year}, {@code papers} (the notice) and {@code days}. */
  CalendarYear read(String file) {
    try (InputStream in = resource(file)) {
      JsonNode root = json.readTree(in);
      List<CalendarYear.NoticeDay> days = new ArrayList<>();
      for (JsonNode d : root.path("days")) {
        days.add(
            new CalendarYear.NoticeDay(
                LocalDate.parse(d.path("date").asText()),
                d.path("name").asText(),
                d.path("isOffDay").asBoolean()));
      }
      return new CalendarYear(
          root.path("year").asInt(),
          root.path("papers").path(0).asText(null),
          true,
          1,
          null,
          null,
          null,
          days);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled calendar " + file, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = CalendarBundle.class.getResourceAsStream(DIRECTORY + name);
    if (in == null) {
      throw new IllegalStateException("bundled calendar file missing: " + DIRECTORY + name);
    }
    return in;
  }
}
