package dev.assay.config;

import java.util.List;
import java.util.Objects;

/**
 * Authentication, outbound-request and input-size settings (DESIGN §7), resolved by {@link ConfigLoader}.
 *
 * @param authEnabled whether every request must authenticate: true with {@code ASSAY_AUTH=on} or a non-loopback
 *     bind; false only in local mode, where the server binds to loopback
 * @param allowedHosts {@code ASSAY_ALLOWED_HOSTS}: host names, IP addresses or CIDR ranges (optionally
 *     {@code :port}) that outbound requests may reach although they are private, loopback or link-local
 * @param adminEmail first administrator created at start when no user exists yet, or null
 * @param adminPassword that administrator's password, or null; redacted from {@link #toString()}
 * @param maxAttributeBytes longest span attribute value kept in full; longer values are truncated on ingest
 */
public record SecuritySettings(boolean authEnabled, List<String> allowedHosts, String adminEmail, String adminPassword,
    long maxAttributeBytes) {

  public static final long DEFAULT_MAX_ATTRIBUTE_BYTES = 1024L * 1024;

  public SecuritySettings {
    allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
    if (maxAttributeBytes < 1) {
      throw new IllegalArgumentException("maxAttributeBytes must be positive, got " + maxAttributeBytes);
    }
  }

  /** Local mode: authentication off, nothing allow-listed, no bootstrap administrator. */
  public static SecuritySettings defaults() {
    return new SecuritySettings(false, List.of(), null, null, DEFAULT_MAX_ATTRIBUTE_BYTES);
  }

  public SecuritySettings withAuth(boolean enabled) {
    return new SecuritySettings(enabled, allowedHosts, adminEmail, adminPassword, maxAttributeBytes);
  }

  public SecuritySettings withAllowedHosts(List<String> hosts) {
    return new SecuritySettings(authEnabled, hosts, adminEmail, adminPassword, maxAttributeBytes);
  }

  public SecuritySettings withAdmin(String email, String password) {
    return new SecuritySettings(authEnabled, allowedHosts, email, password, maxAttributeBytes);
  }

  public SecuritySettings withMaxAttributeBytes(long bytes) {
    return new SecuritySettings(authEnabled, allowedHosts, adminEmail, adminPassword, bytes);
  }

  @Override
  public String toString() {
    return "SecuritySettings[authEnabled=" + authEnabled + ", allowedHosts=" + allowedHosts + ", adminEmail="
        + (adminEmail == null ? "none" : adminEmail) + ", adminPassword=" + (adminPassword == null ? "none" : "********")
        + ", maxAttributeBytes=" + maxAttributeBytes + "]";
  }
}
