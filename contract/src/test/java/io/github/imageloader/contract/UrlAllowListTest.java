package io.github.imageloader.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UrlAllowListTest {

  private final UrlAllowList allowList = new UrlAllowList(
    List.of("storage.googleapis.com", "127.0.0.1:4443", " ", "internal.example:9000", "localhost:4443", "127.0.0.1:8080"),
    List.of("127.0.0.1:4443", "localhost:4443"));

  @Test
  void allowsListedHostsOnTheirPorts() {
    assertThat(allowList.allows("https://storage.googleapis.com/b/o.jpg?X-Goog-Signature=1")).isTrue();
    assertThat(allowList.allows("http://127.0.0.1:4443/b/o.jpg")).isTrue();
    assertThat(allowList.allows("HTTPS://Storage.GoogleAPIs.com/b/o.jpg")).isTrue();
    assertThat(allowList.allows("https://storage.googleapis.com./b/o.jpg")).isTrue();
  }

  @Test
  void refusesEverythingElse() {
    assertThat(allowList.refusal("https://storage.googleapis.com:8443/b/o")).contains("not on the allow-list");
    assertThat(allowList.refusal("http://10.0.0.1:4443/images")).contains("private");
    assertThat(allowList.refusal("http://169.254.169.254/computeMetadata")).contains("link-local");
    assertThat(allowList.refusal("file:///etc/passwd")).contains("only http and https");
    assertThat(allowList.refusal("https://user:pw@storage.googleapis.com/b/o")).contains("user info");
    assertThat(allowList.refusal("http://[::1]/x")).contains("loopback");
    assertThat(allowList.refusal("not a url at all")).isNotNull();
    assertThat(allowList.refusal("http:///nohost")).contains("no host");
    assertThat(allowList.refusal("http://storage.googleapis.com:99999/b")).contains("invalid port");
    assertThat(allowList.refusal("http://stor%61ge.googleapis.com/b")).contains("percent-encoded");
  }

  @Test
  void privateAddressesNeedAnExactOptIn() {
    // On the allow-list but not opted in: the api's own port stays out of reach.
    assertThat(allowList.refusal("http://127.0.0.1:8080/images")).contains("loopback");
    assertThat(allowList.refusal("http://127.0.0.1:4443/b/o")).isNull();
    assertThatPrivateOptInNeedsAPort();
  }

  private static void assertThatPrivateOptInNeedsAPort() {
    try {
      new UrlAllowList(List.of("127.0.0.1"), List.of("127.0.0.1"));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("host:port");
      return;
    }
    throw new AssertionError("a port-less private entry was accepted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://2130706433:4443/b/o", "http://0177.0.0.1:4443/b/o", "http://0x7f000001:4443/b/o",
    "http://0x7f.0.0.1:4443/b/o", "http://127.1:4443/b/o", "http://[::ffff:127.0.0.1]:4443/b/o", "http://[::1]:4443/b/o",
    "http://0:4443/", "http://[::]:4443/", "http://017700000001:4443/", "http://127.0.0.2:4443/"})
  void otherSpellingsOfTheOptedInAddressStayRefused(String url) {
    assertThat(allowList.refusal(url)).as(url).isNotNull().containsAnyOf("loopback", "this-network", "unspecified");
  }

  @Test
  void nonCanonicalPublicAddressesAreRefused() {
    UrlAllowList numeric = new UrlAllowList(List.of("8.8.8.8", "134744072"));
    assertThat(numeric.refusal("http://8.8.8.8/x")).isNull();
    assertThat(numeric.refusal("http://134744072/x")).contains("non-canonical");
  }

  @Test
  void resolvedAddressesAreCheckedEveryOne() throws UnknownHostException {
    UrlAllowList.Target internal = allowList.check("http://internal.example:9000/b/o").target();
    assertThat(internal).isNotNull();
    assertThat(allowList.refusal(internal, List.of(InetAddress.getByName("8.8.8.8")))).isNull();
    assertThat(allowList.refusal(internal, List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.1.2.3"))))
      .contains("resolves to the private (10.0.0.0/8) address 10.1.2.3");
    assertThat(allowList.refusal(internal, List.of(InetAddress.getByName("::1")))).contains("loopback");
    assertThat(allowList.refusal(internal, List.of())).contains("did not resolve");
    UrlAllowList.Target optedIn = allowList.check("http://localhost:4443/b/o").target();
    assertThat(allowList.refusal(optedIn, List.of(InetAddress.getByName("127.0.0.1")))).isNull();
  }

  @Test
  void signedUrlCredentialsStayOutOfMessages() {
    assertThat(SignedUrls.withoutQuery("https://h/b/o?X-Goog-Signature=secret")).isEqualTo("https://h/b/o");
    assertThat(allowList.refusal("http://169.254.169.254/x?X-Goog-Signature=secret")).doesNotContain("secret");
  }
}
