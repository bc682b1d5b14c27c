package dev.assay.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The address ranges an outbound request from the server must not reach unless allow-listed: they lead into
 * the server's own host or network (loopback, private networks, cloud metadata at 169.254.169.254), not to a
 * public service. IPv4-mapped and IPv4-compatible IPv6 forms are classified as the IPv4 address they carry.
 */
enum AddressClass {
  UNSPECIFIED("an unspecified address (0.0.0.0/8, ::)"),
  LOOPBACK("a loopback address"),
  LINK_LOCAL("a link-local address (169.254.0.0/16, fe80::/10, where cloud metadata services answer)"),
  PRIVATE("a private address"),
  SHARED("a carrier-grade NAT address (100.64.0.0/10)"),
  MULTICAST("a multicast address"),
  RESERVED("a reserved or broadcast address (240.0.0.0/4)");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  /** How refusal messages name the class, e.g. "a private address". */
  String description() {
    return description;
  }

  /** The forbidden class of {@code address}, or empty when it is a public address. */
  static Optional<AddressClass> of(InetAddress address) {
    InetAddress effective = effective(address);
    if (effective instanceof Inet4Address v4) {
      return Optional.ofNullable(ofIpv4(v4.getAddress()));
    }
    return Optional.ofNullable(ofIpv6(effective.getAddress()));
  }

  private static AddressClass ofIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 0) {
      return UNSPECIFIED;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return SHARED;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    if (a0 >= 240) {
      return RESERVED;
    }
    return null;
  }

  private static AddressClass ofIpv6(byte[] b) {
    boolean zeroPrefix = isZero(b, 0, 15);
    if (zeroPrefix && b[15] == 0) {
      return UNSPECIFIED;
    }
    if (zeroPrefix && b[15] == 1) {
      return LOOPBACK;
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    // fc00::/7 unique local, and the deprecated site-local fec0::/10 some resolvers still hand out
    if ((b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0xc0)) {
      return PRIVATE;
    }
    if (b0 == 0xff) {
      return MULTICAST;
    }
    return null;
  }

  /** The address itself, or the IPv4 address an IPv4-mapped or -compatible IPv6 address carries. */
  static InetAddress effective(InetAddress address) {
    return embeddedIpv4(address).map(v4 -> (InetAddress) v4).orElse(address);
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}) or IPv4-compatible ({@code ::a.b.c.d})
   * IPv6 address. The JDK already turns textual mapped forms into Inet4Address; this covers addresses built
   * from raw bytes (a resolver's AAAA answer) too.
   */
  private static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = isZero(b, 0, 12) && !(isZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
    if (!mapped && !compatible) {
      return Optional.empty();
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
