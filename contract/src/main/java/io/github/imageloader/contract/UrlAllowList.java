package io.github.imageloader.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts that {@code POST /load-images} may fetch from. Entries are {@code host} (the scheme's
 * default port) or {@code host:port}; anything else, and any URL that is not plain http(s), is refused.
 */
public final class UrlAllowList {

  /** The allow-list when none is configured: real GCS only. */
  public static final String DEFAULT_HOSTS = "storage.googleapis.com";

  private final Set<String> allowed;

  public UrlAllowList(List<String> entries) {
    this.allowed = entries.stream()
      .map(String::trim)
      .filter(e -> !e.isEmpty())
      .map(e -> e.toLowerCase(Locale.ROOT))
      .map(e -> e.contains(":") && !e.startsWith("[") || e.contains("]:") ? e : e + ":*")
      .collect(Collectors.toUnmodifiableSet());
  }

  public Set<String> entries() {
    return allowed;
  }

  /** Why {@code url} may not be fetched, or {@code null} when it may. */
  public String refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "only http and https URLs are fetched";
    }
    if (uri.getRawUserInfo() != null) {
      return "URLs with user info are refused";
    }
    if (uri.getHost() == null) {
      return "the URL has no host";
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
    if (allowed.contains(host + ":" + port) || defaultPort && allowed.contains(host + ":*")) {
      return null;
    }
    return "host " + host + ":" + port + " is not on the allow-list";
  }

  public boolean allows(String url) {
    return refusal(url) == null;
  }
}
