package org.custodia.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token of a browser session cookie, to be turned into an identity. */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {
  private final String token;

  public SessionAuthenticationRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
