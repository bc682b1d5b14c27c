package dev.assay.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.UnprocessableException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {
  private static final OutboundPolicy DEFAULT = noDns(List.of());

  /** A policy whose resolver fails on any name that is not a literal, proving literals never reach DNS. */
  private static OutboundPolicy noDns(List<String> allowed) {
    return new OutboundPolicy(allowed.stream().map(AllowedHost::parse).toList(), false, host -> {
      if (host.matches("[0-9.]+") || host.contains(":")) {
        return InetAddress.getAllByName(host);
      }
      throw new UnknownHostException(host);
    });
  }

  private static UnprocessableException refused(OutboundPolicy policy, String url) {
    return assertThrows(UnprocessableException.class, () -> policy.check(URI.create(url)), url);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:8080/v1 | 127.0.0.1 is a loopback address",
      "http://127.9.9.9/ | 127.9.9.9 is a loopback address",
      "http://[::1]:9000/ | is a loopback address",
      "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a link-local address",
      "http://10.0.0.5/ | 10.0.0.5 is a private address; allow it with ASSAY_ALLOWED_HOSTS=10.0.0.5",
      "https://172.16.0.1/ | 172.16.0.1 is a private address",
      "https://172.31.255.254/ | 172.31.255.254 is a private address",
      "http://192.168.1.20/ | 192.168.1.20 is a private address",
      "http://100.64.0.1/ | 100.64.0.1 is a carrier-grade NAT address",
      "http://100.127.255.255/ | is a carrier-grade NAT address",
      "http://[fc00::1]/ | is a private address",
      "http://[fd12:3456::1]/ | is a private address",
      "http://[fe80::1]/ | is a link-local address",
      "http://[::ffff:10.0.0.1]/ | 10.0.0.1 is a private address",
      "http://[::ffff:169.254.169.254]/ | 169.254.169.254 is a link-local address",
      "http://0.0.0.0:8080/ | 0.0.0.0 is an unspecified address",
      "http://[::]/ | is an unspecified address",
      "http://224.0.0.1/ | is a multicast address",
      "http://[ff02::1]/ | is a multicast address",
      "http://255.255.255.255/ | is a reserved or broadcast address"})
  void forbiddenAddressClasses_areRefusedNamingTheClass(String url, String message) {
    UnprocessableException e = refused(DEFAULT, url);
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("ASSAY_ALLOWED_HOSTS="), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://93.184.216.34/", "https://93.184.216.34:8443/x?y=1", "http://172.15.0.1/",
      "http://172.32.0.1/", "http://100.63.255.255/", "http://100.128.0.1/", "http://[2606:2800:220:1::1]/",
      "http://192.169.0.1/", "http://169.255.0.1/"})
  void publicAddressLiterals_areAllowedWithoutDns(String url) {
    assertDoesNotThrow(() -> DEFAULT.check(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://93.184.216.34/", "gopher://93.184.216.34/", "jar:file:/x!/y",
      "/relative/path", "http:///no-host"})
  void onlyHttpAndHttpsWithAHost_areCallable(String url) {
    refused(DEFAULT, url);
  }

  @Test
  void credentialsInTheUrl_areRefusedWithoutEchoingThem() {
    UnprocessableException e = refused(DEFAULT, "https://user:s3cret@93.184.216.34/");
    assertTrue(e.getMessage().contains("credentials"), e.getMessage());
    assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void everyResolvedAddress_isChecked() {
    OutboundPolicy policy = new OutboundPolicy(List.of(), false, host -> new InetAddress[] {
        InetAddress.getByName("93.184.216.34"), InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})});
    UnprocessableException e = refused(policy, "https://models.example.com/v1");
    assertTrue(e.getMessage().contains("models.example.com (10.0.0.7)"), e.getMessage());
    assertTrue(e.getMessage().contains("ASSAY_ALLOWED_HOSTS=models.example.com"), e.getMessage());
  }

  @Test
  void anIpv4MappedAnswerFromTheResolver_isClassifiedAsItsIpv4Address() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 169;
    mapped[13] = (byte) 254;
    mapped[14] = (byte) 169;
    mapped[15] = (byte) 254;
    InetAddress v6 = java.net.Inet6Address.getByAddress("meta", mapped, -1);
    OutboundPolicy policy = new OutboundPolicy(List.of(), false, host -> new InetAddress[] {v6});
    assertTrue(refused(policy, "http://meta.example/").getMessage().contains("169.254.169.254 is a link-local"));
  }

  @Test
  void unresolvableHosts_areRefused() {
    assertTrue(refused(DEFAULT, "https://nowhere.invalid/").getMessage().contains("does not resolve"));
  }

  @Test
  void allowListForms_allowWhatTheyName() {
    OutboundPolicy policy = noDns(List.of("127.0.0.1", "10.0.0.0/8", "172.16.5.4:8443", "localhost",
        "[::1]:9000", "fc00::/7", "[fe80::/10]:80", "models.internal", "192.168.0.0/16:443"));
    for (String ok : List.of("http://127.0.0.1:1234/", "http://10.200.3.4/", "https://172.16.5.4:8443/",
        "http://localhost:8080/", "http://LOCALHOST./", "http://[::1]:9000/", "http://[fd00::5]/", "http://[fe80::2]/",
        "http://models.internal:7000/", "https://192.168.7.7/", "http://[::ffff:10.1.2.3]/")) {
      assertDoesNotThrow(() -> policy.check(URI.create(ok)), ok);
    }
    for (String no : List.of("https://172.16.5.4/", "http://[::1]:9001/", "https://[fe80::2]/",
        "http://192.168.7.7/", "http://127.0.0.2/", "http://169.254.169.254/", "http://11.0.0.1.nip.invalid/")) {
      refused(policy, no);
    }
  }

  @Test
  void allowingANameDoesNotAllowItsAddressUnderAnotherName() {
    OutboundPolicy policy = noDns(List.of("localhost"));
    refused(policy, "http://127.0.0.1/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "10.0.0.0/33", "::1/129", "host:0", "host:70000", "host:http", "[::1", "[::1]x",
      "bad_name!", "10.0.0.1/abc", "999.1.1.1", "a..b"})
  void invalidAllowListEntries_areRejectedNamingTheEntry(String entry) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutboundPolicy.of(List.of(entry)));
    assertTrue(e.getMessage().contains("ASSAY_ALLOWED_HOSTS entry '" + entry + "'"), e.getMessage());
  }

  @Test
  void unrestricted_skipsAddressChecksButNotTheScheme() {
    OutboundPolicy policy = OutboundPolicy.unrestricted();
    assertDoesNotThrow(() -> policy.check(URI.create("http://127.0.0.1:9/")));
    assertDoesNotThrow(() -> policy.check(URI.create("http://169.254.169.254/")));
    assertThrows(UnprocessableException.class, () -> policy.check(URI.create("file:///etc/passwd")));
    assertEquals("OutboundPolicy[unrestricted]", policy.toString());
  }
}
