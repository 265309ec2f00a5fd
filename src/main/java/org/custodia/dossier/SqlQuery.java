package org.custodia.dossier;

import java.util.List;

/**
 * A parameterised SQL statement, built by the query classes and run by repositories and benches.
 */
public record SqlQuery(String sql, List<Object> args) {
  public Object[] argArray() {
    return args.toArray();
  }
}
