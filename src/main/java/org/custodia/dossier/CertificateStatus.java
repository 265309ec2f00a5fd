package org.custodia.dossier;

/** Certificate status (证件"红黄绿"管理); GREEN and YELLOW may enforce, RED may not. */
public enum CertificateStatus {
  GREEN,
  YELLOW,
  RED
}
