package io.github.imageloader.contract;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code POST /load-images} may fetch: http(s) URLs on allow-listed hosts, never a non-public address
 * (see {@link PrivateAddresses}) unless that exact {@code host:port} was opted in.
 * <p>
 * Allow-list entries are {@code host} (the scheme's default port) or {@code host:port}. Private entries are
 * {@code host:port} only: the one place where, say, dev mode's emulator on {@code 127.0.0.1:4443} is
 * reachable while {@code 127.0.0.1:8080} stays refused. The api checks what the URL says
 * ({@link #refusal(String)}); the loader checks again on the addresses the host resolves to right before
 * it connects ({@link #refusal(Target, List)}), so a name that resolves (or re-resolves) to 127.0.0.1 is
 * refused too.
 */
public final class UrlAllowList {

  /** The allow-list when none is configured: real GCS only. */
  public static final String DEFAULT_HOSTS = "storage.googleapis.com";

  /** A URL's scheme, host (lower case, without a trailing dot), port, and the address when the host is a literal. */
  public record Target(String scheme, String host, int port, InetAddress literal) {

    String hostPort() {
      return host + ":" + port;
    }
  }

  /** Either a target that may be fetched or why not. */
  public record Decision(Target target, String refusal) {

    public boolean allowed() {
      return refusal == null;
    }
  }

  private final Set<String> allowed;
  private final Set<String> privateAllowed;

  public UrlAllowList(List<String> entries) {
    this(entries, List.of());
  }

  /**
   * @param entries        hosts that may be fetched
   * @param privateEntries {@code host:port} entries that may also be (or resolve to) non-public addresses
   */
  public UrlAllowList(List<String> entries, List<String> privateEntries) {
    this.allowed = normalized(entries).stream()
      .map(e -> hasPort(e) ? e : e + ":*")
      .collect(Collectors.toUnmodifiableSet());
    this.privateAllowed = normalized(privateEntries);
    for (String entry : privateAllowed) {
      if (!hasPort(entry)) {
        throw new IllegalArgumentException("SIGNED_URL_PRIVATE_HOSTS entries must be host:port, not '" + entry + "'");
      }
    }
  }

  private static Set<String> normalized(List<String> entries) {
    return entries.stream()
      .map(String::trim)
      .filter(e -> !e.isEmpty())
      .map(e -> e.toLowerCase(Locale.ROOT))
      .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean hasPort(String entry) {
    return entry.contains(":") && !entry.startsWith("[") || entry.contains("]:");
  }

  public Set<String> entries() {
    return allowed;
  }

  /** Why {@code url} may not be fetched, judged by what it says (no name is resolved), or {@code null} when it may. */
  public String refusal(String url) {
    return check(url).refusal();
  }

  public boolean allows(String url) {
    return refusal(url) == null;
  }

  /** Parses and checks {@code url} as written: scheme, user info, literal addresses, the allow-list. */
  public Decision check(String url) {
    Target target;
    try {
      target = parse(url);
    } catch (IllegalArgumentException e) {
      return new Decision(null, e.getMessage());
    }
    if (target.literal() != null) {
      String kind = PrivateAddresses.nonPublicKind(target.literal());
      if (kind != null && !mayBePrivate(target)) {
        return new Decision(null, "host " + target.host() + " is the " + kind + " address "
          + target.literal().getHostAddress() + ", which is never fetched");
      }
      if (PrivateAddresses.isNonCanonicalIpv4(target.host(), target.literal())) {
        return new Decision(null, "host " + target.host() + " is IPv4 address " + target.literal().getHostAddress()
          + " in a non-canonical form");
      }
    }
    boolean defaultPort = target.port() == defaultPort(target.scheme());
    if (!allowed.contains(target.hostPort()) && !(defaultPort && allowed.contains(target.host() + ":*"))) {
      return new Decision(null, "host " + target.hostPort() + " is not on the allow-list");
    }
    return new Decision(target, null);
  }

  /**
   * Why a target that passed {@link #check(String)} may not be fetched now that its host resolved to
   * {@code resolved}, or {@code null} when every address is public (or the target is opted in).
   */
  public String refusal(Target target, List<InetAddress> resolved) {
    if (resolved.isEmpty()) {
      return "host " + target.host() + " did not resolve";
    }
    if (mayBePrivate(target)) {
      return null;
    }
    for (InetAddress address : resolved) {
      String kind = PrivateAddresses.nonPublicKind(address);
      if (kind != null) {
        return "host " + target.host() + " resolves to the " + kind + " address " + address.getHostAddress()
          + ", which is never fetched";
      }
    }
    return null;
  }

  private boolean mayBePrivate(Target target) {
    return privateAllowed.contains(target.hostPort());
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /**
   * Reads the parts of a URL that decide where a connection goes. {@link URI} leaves the host empty for
   * authorities such as {@code 2130706433} or {@code 127.1}, so the raw authority is split here.
   */
  static Target parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http and https URLs are fetched");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host");
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException("URLs with user info are refused");
    }
    if (authority.contains("%")) {
      throw new IllegalArgumentException("percent-encoded hosts are refused");
    }
    String host;
    String portText;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("not a valid URL");
      }
      host = authority.substring(0, close + 1);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("not a valid URL");
      }
      portText = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? "" : authority.substring(colon + 1);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".") && !host.startsWith("[")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || !host.startsWith("[") && !host.matches("[a-z0-9._-]+")) {
      throw new IllegalArgumentException("the URL has no valid host");
    }
    int port = defaultPort(scheme);
    if (!portText.isEmpty()) {
      if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65_535) {
        throw new IllegalArgumentException("the URL has an invalid port");
      }
      port = Integer.parseInt(portText);
    }
    return new Target(scheme, host, port, PrivateAddresses.literal(host));
  }
}
