package org.custodia.preservation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The report of one four-property check (四性检测) of a case's dossier: per property its check items,
 * each with a stable machine code, its result, the record it concerns (none for a case-wide item)
 * and what was found.
 *
 * @param worm who keeps originals unchanged and undeleted: {@code store} (its Object Lock) or
 *     {@code service} (its own protection table), as health's {@code worm} says
 * @param records the records linked to the case that were checked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(
    UUID caseId,
    String caseNo,
    Instant checkedAt,
    Result result,
    String worm,
    int records,
    List<PropertyReport> properties) {

  /** The four properties of DA/T 70-2018. */
  public enum Property {
    AUTHENTICITY,
    INTEGRITY,
    USABILITY,
    SECURITY
  }

  /** An item's (and a property's, and the report's) result; FAIL is worse than WARN. */
  public enum Result {
    PASS,
    WARN,
    FAIL;

    Result worst(Result other) {
      return other.ordinal() > ordinal() ? other : this;
    }
  }

  /** One named check of one record (evidenceId) or of the whole case (evidenceId null). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(String code, Result result, UUID evidenceId, String detail) {}

  /** One property: its result (the worst of its items) and its items. */
  public record PropertyReport(Property property, Result result, List<Item> items) {}

  /** The report's property of {@code p}. */
  public PropertyReport property(Property p) {
    return properties.stream().filter(x -> x.property() == p).findFirst().orElseThrow();
  }

  /** Collects items as a check goes, then makes the report. */
  static final class Builder {
    private final Map<Property, List<Item>> items = new EnumMap<>(Property.class);

    Builder() {
      for (Property p : Property.values()) {
        items.put(p, new ArrayList<>());
      }
    }

    void add(Property p, String code, Result r, UUID evidenceId, String detail) {
      items.get(p).add(new Item(code, r, evidenceId, detail));
    }

    CheckReport build(UUID caseId, String caseNo, String worm, int records) {
      List<PropertyReport> properties = new ArrayList<>();
      Result overall = Result.PASS;
      for (Property p : Property.values()) {
        Result r = Result.PASS;
        for (Item i : items.get(p)) {
          r = r.worst(i.result());
        }
        overall = overall.worst(r);
        properties.add(new PropertyReport(p, r, List.copyOf(items.get(p))));
      }
      return new CheckReport(
          caseId, caseNo, Instant.now(), overall, worm, records, List.copyOf(properties));
    }
  }
}
