package dev.assay.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code ASSAY_ALLOWED_HOSTS} entry: a host name ({@code localhost}, {@code models.internal}), an IP address
 * ({@code 10.0.0.5}, {@code ::1}, {@code [::1]}) or a CIDR range ({@code 10.0.0.0/8}, {@code fc00::/7}), each
 * optionally followed by {@code :port} ({@code [fc00::/7]:8443} for IPv6). Without a port every port matches.
 *
 * <p>A name entry allows whatever the name resolves to: whoever sets the allow list controls the server's DNS
 * view anyway, and a name is what they know. An address or range entry allows those addresses under any name.
 */
record AllowedHost(String name, byte[] network, int prefixBits, int port) {
  static final int ANY_PORT = -1;
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * @throws IllegalArgumentException naming the entry and the accepted forms when it is none of them
   */
  static AllowedHost parse(String entry) {
    String text = entry == null ? "" : entry.strip();
    if (text.isEmpty()) {
      throw invalid(entry, "it is empty");
    }
    String host = text;
    int port = ANY_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(entry, "'[' without ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(entry, "expected ':port' after ']'");
        }
        port = port(entry, rest.substring(1));
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      // exactly one colon: host:port (a bare IPv6 address has at least two)
      host = text.substring(0, text.indexOf(':'));
      port = port(entry, text.substring(text.indexOf(':') + 1));
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      byte[] network = literal(entry, host.substring(0, slash));
      int bits = prefix(entry, host.substring(slash + 1), network.length * 8);
      return new AllowedHost(null, network, bits, port);
    }
    if (IP_LITERAL.matcher(host).matches()) {
      byte[] address = literal(entry, host);
      return new AllowedHost(null, address, address.length * 8, port);
    }
    if (!HOST_NAME.matcher(host).matches()) {
      throw invalid(entry, "not a host name, IP address or CIDR range");
    }
    return new AllowedHost(normalise(host), null, 0, port);
  }

  /** Whether this entry names {@code host} (as written in the URL) on {@code port}. */
  boolean allowsName(String host, int port) {
    return name != null && name.equals(normalise(host)) && portMatches(port);
  }

  /** Whether this entry's address or range holds {@code address} on {@code port}. */
  boolean allowsAddress(InetAddress address, int port) {
    if (network == null || !portMatches(port)) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (bytes[full] & mask) == (network[full] & mask);
  }

  private boolean portMatches(int requested) {
    return port == ANY_PORT || port == requested;
  }

  static String normalise(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static byte[] literal(String entry, String text) {
    boolean v4 = text.indexOf(':') < 0;
    if (!IP_LITERAL.matcher(text).matches() || v4 && !IPV4.matcher(text).matches()) {
      throw invalid(entry, "'" + text + "' is not an IP address");
    }
    try {
      // checked above to be a literal, so getByName parses it and never asks DNS
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw invalid(entry, "'" + text + "' is not an IP address");
    }
  }

  private static int prefix(String entry, String text, int max) {
    try {
      int bits = Integer.parseInt(text);
      if (bits >= 0 && bits <= max) {
        return bits;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(entry, "the prefix length must be 0.." + max);
  }

  private static int port(String entry, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(entry, "the port must be 1..65535");
  }

  private static IllegalArgumentException invalid(String entry, String why) {
    return new IllegalArgumentException("ASSAY_ALLOWED_HOSTS entry '" + entry + "' is invalid (" + why
        + "); use a host name, an IP address or a CIDR range such as 10.0.0.0/8, optionally with :port "
        + "([fc00::/7]:8443 for IPv6)");
  }
}
