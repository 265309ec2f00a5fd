package org.custodia.dossier;

import java.util.UUID;

/**
 * Fired (CDI event, synchronously, in the updating transaction) when a case was created with its
 * actions or an action was added. Compliance observes it: the rules look at the actions' windows.
 */
public record ActionsChanged(UUID caseId) {}
