package io.github.imageloader.contract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a caller-supplied URL must never make the service connect to (SSRF): loopback, private,
 * link-local, unique-local, unspecified and other non-public ranges, also when written in the IPv4 forms
 * that resolvers accept besides dotted decimal ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1},
 * {@code 127.1}) or embedded in IPv6 (IPv4-mapped, -compatible, NAT64, 6to4).
 * <p>
 * {@link java.net.URI} does not see a host in most of those forms and {@link InetAddress} reads
 * {@code 0177.0.0.1} as 177.0.0.1 where C resolvers read 127.0.0.1, so IPv4 literals are parsed here
 * with the resolvers' (inet_aton, WHATWG URL) rules: the reading an attacker would aim at.
 */
public final class PrivateAddresses {

  private record Range(byte[] prefix, int bits, String kind) {

    static Range of(String cidr, String kind) {
      String[] parts = cidr.split("/");
      try {
        return new Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), kind);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int fullBytes = bits / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (address[fullBytes] & mask) == (prefix[fullBytes] & mask);
    }
  }

  private static final List<Range> IPV4 = List.of(
    Range.of("0.0.0.0/8", "this-network (0.0.0.0/8)"),
    Range.of("10.0.0.0/8", "private (10.0.0.0/8)"),
    Range.of("100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"),
    Range.of("127.0.0.0/8", "loopback (127.0.0.0/8)"),
    Range.of("169.254.0.0/16", "link-local (169.254.0.0/16)"),
    Range.of("172.16.0.0/12", "private (172.16.0.0/12)"),
    Range.of("192.0.0.0/24", "IETF protocol assignment (192.0.0.0/24)"),
    Range.of("192.0.2.0/24", "documentation (192.0.2.0/24)"),
    Range.of("192.168.0.0/16", "private (192.168.0.0/16)"),
    Range.of("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
    Range.of("198.51.100.0/24", "documentation (198.51.100.0/24)"),
    Range.of("203.0.113.0/24", "documentation (203.0.113.0/24)"),
    Range.of("224.0.0.0/4", "multicast (224.0.0.0/4)"),
    Range.of("240.0.0.0/4", "reserved (240.0.0.0/4)"));

  private static final List<Range> IPV6 = List.of(
    Range.of("::/128", "unspecified (::)"),
    Range.of("::1/128", "loopback (::1)"),
    Range.of("100::/64", "discard-only (100::/64)"),
    Range.of("2001:db8::/32", "documentation (2001:db8::/32)"),
    Range.of("fc00::/7", "unique-local (fc00::/7)"),
    Range.of("fe80::/10", "link-local (fe80::/10)"),
    Range.of("fec0::/10", "site-local (fec0::/10)"),
    Range.of("ff00::/8", "multicast (ff00::/8)"));

  /** IPv6 ranges whose last 32 bits (or, for 6to4, bits 16–47) are an IPv4 address that is what gets reached. */
  private static final Range IPV4_MAPPED = Range.of("::ffff:0:0/96", "IPv4-mapped");
  private static final Range IPV4_COMPATIBLE = Range.of("::/96", "IPv4-compatible");
  private static final Range NAT64 = Range.of("64:ff9b::/96", "NAT64");
  private static final Range SIX_TO_FOUR = Range.of("2002::/16", "6to4");

  private PrivateAddresses() {
  }

  /**
   * What kind of non-public address {@code address} is, e.g. {@code "loopback (127.0.0.0/8)"}, or
   * {@code null} for a public one.
   */
  public static String nonPublicKind(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return kindOf(bytes, IPV4);
    }
    if (address instanceof Inet6Address) {
      String embedded = embeddedIpv4Kind(bytes);
      return embedded != null ? embedded : kindOf(bytes, IPV6);
    }
    return "of an unknown family";
  }

  private static String embeddedIpv4Kind(byte[] bytes) {
    for (Range carrier : List.of(IPV4_MAPPED, NAT64)) {
      if (carrier.contains(bytes)) {
        String kind = kindOf(java.util.Arrays.copyOfRange(bytes, 12, 16), IPV4);
        return kind == null ? null : carrier.kind() + " " + kind;
      }
    }
    if (IPV4_COMPATIBLE.contains(bytes) && !IPV6.get(0).contains(bytes) && !IPV6.get(1).contains(bytes)) {
      // Deprecated since RFC 4291 and never used by public services.
      return "IPv4-compatible (::/96, deprecated)";
    }
    if (SIX_TO_FOUR.contains(bytes)) {
      String kind = kindOf(java.util.Arrays.copyOfRange(bytes, 2, 6), IPV4);
      return kind == null ? null : "6to4 " + kind;
    }
    return null;
  }

  private static String kindOf(byte[] bytes, List<Range> ranges) {
    if (bytes.length == 4 && (bytes[0] & bytes[1] & bytes[2] & bytes[3]) == (byte) 0xff) {
      return "broadcast (255.255.255.255)";
    }
    for (Range range : ranges) {
      if (range.contains(bytes)) {
        return range.kind();
      }
    }
    return null;
  }

  /**
   * The address a URL host names literally, or {@code null} when it is a host name to be resolved.
   * Recognises bracketed IPv6 ({@code [::1]}) and IPv4 in every form resolvers accept: one to four parts,
   * each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last filling the remaining bytes.
   *
   * @param host the host as written in the URL (case and a trailing dot do not matter)
   * @throws IllegalArgumentException for a host that is neither a valid literal nor a host name, e.g.
   *                                  {@code 1.2.3.256}, {@code 08.0.0.1} or {@code [zz]}
   */
  public static InetAddress literal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      if (!h.endsWith("]") || h.length() < 3) {
        throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address");
      }
      String inner = h.substring(1, h.length() - 1);
      if (!inner.matches("[0-9a-f:.]+") || !inner.contains(":")) {
        // Zone ids (fe80::1%eth0) and anything else a resolver might interpret: refused, not guessed at.
        throw new IllegalArgumentException("'" + host + "' is not a plain IPv6 address");
      }
      try {
        return InetAddress.getByName(inner); // a literal: parsed, never looked up
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address");
      }
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    String[] parts = h.split("\\.", -1);
    if (!isNumberLike(parts[parts.length - 1])) {
      return null; // a host name: its last label is not a number
    }
    return ipv4(host, parts);
  }

  /** Whether {@code host} names an IPv4 address in anything but the canonical dotted-decimal form. */
  public static boolean isNonCanonicalIpv4(String host, InetAddress literal) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return literal instanceof Inet4Address && !h.equals(literal.getHostAddress());
  }

  private static boolean isNumberLike(String label) {
    return label.matches("[0-9]+|0x[0-9a-f]*");
  }

  private static InetAddress ipv4(String host, String[] parts) {
    if (parts.length > 4) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (more than four parts)");
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = part(host, parts[i]);
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) {
        throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (part " + (i + 1) + " over 255)");
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[parts.length - 1];
    int lastBytes = 5 - parts.length;
    if (last >= 1L << (8 * lastBytes)) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (last part too large)");
    }
    address |= last;
    byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long part(String host, String text) {
    try {
      if (text.startsWith("0x")) {
        String digits = text.substring(2);
        return digits.isEmpty() ? 0 : bounded(Long.parseLong(digits, 16), host, digits.length());
      }
      if (text.length() > 1 && text.startsWith("0")) {
        return bounded(Long.parseLong(text.substring(1), 8), host, text.length());
      }
      return bounded(Long.parseLong(text), host, text.length());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address ('" + text + "' is not a number)");
    }
  }

  private static long bounded(long value, String host, int digits) {
    if (digits > 12 || value > 0xffffffffL) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address (a part is too large)");
    }
    return value;
  }
}
