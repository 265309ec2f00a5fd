package org.custodia.verify;

/**
 * The checks that apply when bag-info.txt says the bag is a Custodia export ({@code
 * Custodia-Export-Id}). Not yet written: receipts, audit proofs, dossier index (see
 * docs/verifier.md).
 */
final class CustodiaChecks implements BagVerifier.Extension {
  static final String EXPORT_ID = "Custodia-Export-Id";

  @Override
  public void check(BagVerifier.Bag bag, Report report) {
    if (!bag.info().containsKey(EXPORT_ID)) {
      return;
    }
    report.pass("bag-info.txt", "Custodia export", bag.info().get(EXPORT_ID));
  }
}
