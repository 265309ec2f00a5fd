package org.custodia.disclosure;

import org.custodia.dossier.CaseType;

/**
 * What a decision is, for its disclosure: a penalty or licensing decision (7 working days), any
 * other enforcement decision (20), or a revocation (the original decision withdrawn within 3).
 */
public enum DecisionKind {
  PENALTY,
  LICENSING,
  OTHER,
  REVOCATION;

  /** The kind a case's type implies; an inspection or a coercive measure is OTHER. */
  static DecisionKind of(CaseType type) {
    return switch (type) {
      case PENALTY -> PENALTY;
      case LICENSING -> LICENSING;
      case INSPECTION, COERCIVE_MEASURE -> OTHER;
    };
  }
}
