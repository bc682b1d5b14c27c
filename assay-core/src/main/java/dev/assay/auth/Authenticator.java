package dev.assay.auth;

/**
 * Turns credentials into a {@link Principal}: what the HTTP access check and the OTLP receivers call on every
 * request when authentication is on. Failures are {@link dev.assay.shared.UnauthenticatedException}s whose
 * messages never say whether the user, key or password was the wrong part.
 */
public interface Authenticator {

  /** The principal of an API key (AX's {@code ak-…} form); unknown, expired or revoked keys are refused. */
  Principal apiKey(String key);

  /** The session of a session-cookie token; unknown or expired sessions are refused. */
  Session session(String sessionToken);

  /** Checks the password and opens a session. Repeated failures for an email are slowed down. */
  Login login(String email, String password, String ip);

  /** Ends a session; an unknown token is ignored. */
  void logout(String sessionToken);

  /** True while no user exists: the one-time setup page may create the first account admin. */
  boolean setupRequired();

  /**
   * Creates the first account admin and signs it in, once; afterwards (or with a wrong setup token) it is refused.
   *
   * @param setupToken the token the server wrote to {@code <working_dir>/setup-token} at start
   */
  Login setup(String setupToken, String email, String name, String password);

  /** A new session: its cookie token (shown once) and the session. */
  record Login(String sessionToken, Session session) {
    @Override
    public String toString() {
      return "Login[sessionToken=***, session=" + session + "]";
    }
  }
}
