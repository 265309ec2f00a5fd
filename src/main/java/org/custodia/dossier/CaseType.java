package org.custodia.dossier;

/** Case type (行政检查 / 行政处罚 / 行政强制 / 行政许可). */
public enum CaseType {
  INSPECTION,
  PENALTY,
  COERCIVE_MEASURE,
  LICENSING
}
