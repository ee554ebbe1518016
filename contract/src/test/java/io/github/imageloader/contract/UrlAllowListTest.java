package io.github.imageloader.contract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UrlAllowListTest {

  private final UrlAllowList allowList = new UrlAllowList(List.of("storage.googleapis.com", "127.0.0.1:4443", " "));

  @Test
  void allowsListedHostsOnTheirPorts() {
    assertThat(allowList.allows("https://storage.googleapis.com/b/o.jpg?X-Goog-Signature=1")).isTrue();
    assertThat(allowList.allows("http://127.0.0.1:4443/b/o.jpg")).isTrue();
    assertThat(allowList.allows("HTTPS://Storage.GoogleAPIs.com/b/o.jpg")).isTrue();
  }

  @Test
  void refusesEverythingElse() {
    assertThat(allowList.refusal("https://storage.googleapis.com:8443/b/o")).contains("not on the allow-list");
    assertThat(allowList.refusal("http://127.0.0.1:8080/images")).contains("not on the allow-list");
    assertThat(allowList.refusal("http://169.254.169.254/computeMetadata")).contains("not on the allow-list");
    assertThat(allowList.refusal("file:///etc/passwd")).contains("only http and https");
    assertThat(allowList.refusal("https://user:pw@storage.googleapis.com/b/o")).contains("user info");
    assertThat(allowList.refusal("http://[::1]/x")).contains("not on the allow-list");
    assertThat(allowList.refusal("not a url at all")).isNotNull();
  }

  @Test
  void signedUrlCredentialsStayOutOfMessages() {
    assertThat(SignedUrls.withoutQuery("https://h/b/o?X-Goog-Signature=secret")).isEqualTo("https://h/b/o");
  }
}
