package io.github.imageloader.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateAddressesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.255.254, loopback",
    "10.0.0.1, private (10",
    "10.255.255.255, private (10",
    "172.16.0.1, private (172.16",
    "172.31.255.255, private (172.16",
    "192.168.1.1, private (192.168",
    "169.254.169.254, link-local",
    "0.0.0.0, this-network",
    "0.1.2.3, this-network",
    "100.64.0.1, carrier-grade NAT",
    "224.0.0.1, multicast",
    "240.0.0.1, reserved",
    "255.255.255.255, broadcast",
    "::1, loopback (::1)",
    "::, unspecified",
    "fc00::1, unique-local",
    "fd12:3456::1, unique-local",
    "fe80::1, link-local",
    "febf::1, link-local",
    "fec0::1, site-local",
    "ff02::1, multicast",
    "::ffff:127.0.0.1, loopback",
    "::ffff:169.254.169.254, link-local",
    "::127.0.0.1, IPv4-compatible",
    "64:ff9b::a00:1, NAT64 private (10",
    "2002:7f00:1::, 6to4 loopback",
    "2002:a9fe:a9fe::1, 6to4 link-local",
  })
  void classifiesNonPublicAddresses(String address, String kind) throws UnknownHostException {
    assertThat(PrivateAddresses.nonPublicKind(InetAddress.getByName(address))).startsWith(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "142.250.74.123", "172.15.255.255", "172.32.0.0", "192.169.0.1", "169.253.255.255",
    "100.63.255.255", "9.255.255.255", "11.0.0.0", "2607:f8b0:4004:c07::80", "2002:808:808::1", "64:ff9b::808:808",
    "::ffff:8.8.8.8", "fbff::1", "fe7f::1"})
  void publicAddressesPass(String address) throws UnknownHostException {
    assertThat(PrivateAddresses.nonPublicKind(InetAddress.getByName(address))).isNull();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "2130706433, 127.0.0.1",
    "0177.0.0.1, 127.0.0.1",
    "0x7f.0.0.1, 127.0.0.1",
    "0x7f000001, 127.0.0.1",
    "0X7F000001, 127.0.0.1",
    "127.1, 127.0.0.1",
    "127.0.1, 127.0.0.1",
    "0x7f.1, 127.0.0.1",
    "017700000001, 127.0.0.1",
    "0, 0.0.0.0",
    "0x, 0.0.0.0",
    "169.254.43518, 169.254.169.254",
    "2852039166, 169.254.169.254",
    "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
    "0251.0376.0251.0376, 169.254.169.254",
    "10.1, 10.0.0.1",
    "127.0.0.1., 127.0.0.1",
    "[::1], 0:0:0:0:0:0:0:1",
    "[::ffff:127.0.0.1], 127.0.0.1",
    "[::ffff:7f00:1], 127.0.0.1",
    "[0:0:0:0:0:0:0:1], 0:0:0:0:0:0:0:1",
  })
  void readsEveryIpv4FormResolversAccept(String host, String address) {
    assertThat(PrivateAddresses.literal(host).getHostAddress()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"storage.googleapis.com", "localhost", "example.com.", "a1.b2", "1a.example", "x-1.y", "0x.example"})
  void hostNamesAreNoLiterals(String host) {
    assertThat(PrivateAddresses.literal(host)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3.256", "256.1.1.1", "08.0.0.1", "0x1g.0.0.1", "1.2.3.4.5", "4294967296", "1.16777216",
    "1..1", "a.1", "[zz]", "[::1", "[fe80::1%eth0]", "[1.2.3.4]", "99999999999999999999999"})
  void invalidLiteralsAreRefusedNotGuessed(String host) {
    assertThatThrownBy(() -> PrivateAddresses.literal(host)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalFormIsOnlyDottedDecimal() {
    assertThat(PrivateAddresses.isNonCanonicalIpv4("8.8.8.8", PrivateAddresses.literal("8.8.8.8"))).isFalse();
    assertThat(PrivateAddresses.isNonCanonicalIpv4("134744072", PrivateAddresses.literal("134744072"))).isTrue();
    assertThat(PrivateAddresses.isNonCanonicalIpv4("010.8.8.8", PrivateAddresses.literal("010.8.8.8"))).isTrue();
  }
}
