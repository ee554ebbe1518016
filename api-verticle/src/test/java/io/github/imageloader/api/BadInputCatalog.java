package io.github.imageloader.api;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The bad-input suite's requests, generated as products of bad values × endpoints × positions in a batch,
 * each with the exact status and error code it must get.
 */
final class BadInputCatalog {

  static final String SECRET = "X-Goog-Signature=supersecret0123456789";

  private BadInputCatalog() {
  }

  /** Bad names as they appear in a query string (percent-encoded), with the error each must give. */
  static List<String[]> badQueryNames() {
    List<String[]> names = new ArrayList<>();
    for (String traversal : List.of("..", "../img_000.jpg", "img/../../x.jpg", "%2e%2e", "%2e%2e%2fimg_000.jpg", "%2E%2E/x",
      "..%2fx", ".%2e/x", "%2e./x", "/etc/passwd", "%2fetc%2fpasswd", "//img_000.jpg", "..%5cx", "..\\x",
      "%5c..%5cwindows", "a%5c..%5cb")) {
      names.add(new String[] {traversal, "invalid_name"});
    }
    for (String control : List.of("%00", "a%00.jpg", "%0a", "%0d%0a", "%1f", "%7f", "%c2%85", "%09")) {
      names.add(new String[] {control, "invalid_name"});
    }
    names.add(new String[] {"", "invalid_name"});
    names.add(new String[] {"a".repeat(1100), "invalid_name"});
    names.add(new String[] {"%e2%82%ac".repeat(400), "invalid_name"});
    for (String utf8 : List.of("%ff", "%c3%28", "%e2%82", "%ed%a0%80", "%f8%88%80%80%80", "%c0%af", "%80", "abc%fe.jpg")) {
      names.add(new String[] {utf8, "invalid_query"});
    }
    for (String percent : List.of("%", "%z1", "%1", "%%", "%g0", "abc%", "%2", "%%32%65")) {
      names.add(new String[] {percent, "invalid_query"});
    }
    return names;
  }

  /** GET /images and /images/archive × every bad name × alone or after a good name. */
  static List<BadInputCase> queryNames() {
    List<BadInputCase> cases = new ArrayList<>();
    for (String path : List.of("/images", "/images/archive")) {
      for (String[] bad : badQueryNames()) {
        for (boolean afterGood : List.of(false, true)) {
          String uri = path + "?" + (afterGood ? "file_names=img_001.jpg&" : "") + "file_names=" + bad[0];
          cases.add(new BadInputCase("GET " + abbreviate(uri), c -> c.get(uri), 400, bad[1]));
        }
      }
      cases.add(new BadInputCase("GET " + path + " without names", c -> c.get(path), 400, "empty_batch"));
      cases.add(new BadInputCase("GET " + path + " bad parameter name", c -> c.get(path + "?file%zz=a"), 400, "invalid_query"));
      String tooMany = TestStack.imagesQuery(path, IntStream.range(0, 101).mapToObj(i -> "img_000.jpg").toList());
      cases.add(new BadInputCase("GET " + path + " 101 names", c -> c.get(tooMany), 400, "batch_too_large"));
    }
    return cases;
  }

  /** POST /images/batch with bad names as JSON strings × alone or after a good name. */
  static List<BadInputCase> jsonNames() {
    List<String> bad = List.of("..", "../img_000.jpg", "img/../../x.jpg", "/etc/passwd", "//img_000.jpg", "..\\x",
      "\\..\\windows", "a\u0000.jpg", "\n", "\u007f", "\u0085", "", "a".repeat(1100), "\ud800", "img\udc00.jpg");
    List<BadInputCase> cases = new ArrayList<>();
    for (String name : bad) {
      for (boolean afterGood : List.of(false, true)) {
        JsonArray names = afterGood ? new JsonArray().add("img_001.jpg").add(name) : new JsonArray().add(name);
        Buffer body = new JsonObject().put("names", names).toBuffer();
        cases.add(new BadInputCase("POST /images/batch " + abbreviate(names.encode()), c -> c.postJson("/images/batch", body),
          400, "invalid_name"));
      }
    }
    return cases;
  }

  /** Wrong JSON types and shapes, invalid JSON, duplicate keys, wrong content types on both POST endpoints. */
  static List<BadInputCase> jsonBodies() {
    List<BadInputCase> cases = new ArrayList<>();
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    String huge = new JsonObject().put("names", new JsonArray(IntStream.range(0, 100_000).mapToObj(i -> "n" + i).toList())).encode();
    String[][] batch = {
      {"[]", "invalid_body"}, {"null", "invalid_body"}, {"123", "invalid_body"}, {"\"img_000.jpg\"", "invalid_body"},
      {"true", "invalid_body"}, {"{}", "invalid_body"}, {"{\"names\":null}", "invalid_body"}, {"{\"names\":1}", "invalid_body"},
      {"{\"names\":\"img_000.jpg\"}", "invalid_body"}, {"{\"names\":{\"a\":1}}", "invalid_body"}, {"{\"names\":[1]}", "invalid_body"},
      {"{\"names\":[null]}", "invalid_body"}, {"{\"names\":[[\"img_000.jpg\"]]}", "invalid_body"},
      {"{\"names\":[{\"n\":\"a\"}]}", "invalid_body"}, {"{\"names\":[true]}", "invalid_body"},
      {"{\"names\":[\"img_000.jpg\",2]}", "invalid_body"}, {"{\"names\":[1.5]}", "invalid_body"},
      {"{\"Names\":[\"img_000.jpg\"]}", "invalid_body"}, {"{\"names\":[]}", "empty_batch"}, {huge, "batch_too_large"},
      {"{", "invalid_json"}, {"{\"names\": [}", "invalid_json"}, {"not json", "invalid_json"},
      {"{\"names\":[\"img_000.jpg\"]} x", "invalid_json"}, {"{'names': ['img_000.jpg']}", "invalid_json"},
      {"{\"names\":[NaN]}", "invalid_json"}, {deep, "invalid_json"}, {"{\"names\":[\"img_000.jpg\",]}", "invalid_json"},
      {"{\"names\":[\"img_000.jpg\"],\"names\":[\"img_001.jpg\"]}", "invalid_json"},
      {"{\"names\":[1],\"names\":[\"img_001.jpg\"]}", "invalid_json"},
      {"", "invalid_body"}, {" ", "invalid_json"},
    };
    for (String[] entry : batch) {
      Buffer body = Buffer.buffer(entry[0]);
      cases.add(new BadInputCase("POST /images/batch " + abbreviate(entry[0]), c -> c.postJson("/images/batch", body), 400, entry[1]));
    }
    String tooManyUrls = new JsonArray(IntStream.range(0, 101).mapToObj(i -> "https://storage.googleapis.com/b/" + i).toList()).encode();
    String[][] urls = {
      {"{}", "invalid_body"}, {"123", "invalid_body"}, {"null", "invalid_body"}, {"{\"urls\":\"http://x/\"}", "invalid_body"},
      {"[1]", "invalid_body"}, {"[null]", "invalid_body"}, {"[[\"http://x/\"]]", "invalid_body"}, {"{\"urls\":[{}]}", "invalid_body"},
      {"", "invalid_body"}, {"[]", "empty_batch"}, {"{\"urls\":[]}", "empty_batch"}, {tooManyUrls, "batch_too_large"},
      {"[\"http://x/\"", "invalid_json"}, {"{\"urls\":[1],\"urls\":[]}", "invalid_json"}, {deep, "invalid_json"},
    };
    for (String[] entry : urls) {
      Buffer body = Buffer.buffer(entry[0]);
      cases.add(new BadInputCase("POST /load-images " + abbreviate(entry[0]), c -> c.postJson("/load-images", body), 400, entry[1]));
    }
    byte[][] invalidUtf8 = {
      "{\"names\":[\"\u00ff\"]}".getBytes(StandardCharsets.ISO_8859_1),
      {'{', '"', 'n', 'a', 'm', 'e', 's', '"', ':', '[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']', '}'},
      {'{', '"', 'n', 'a', 'm', 'e', 's', '"', ':', '[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']', '}'},
    };
    for (byte[] bytes : invalidUtf8) {
      cases.add(new BadInputCase("POST /images/batch with invalid UTF-8", c -> c.postJson("/images/batch", Buffer.buffer(bytes)),
        400, "invalid_json"));
    }
    for (String path : List.of("/images/batch", "/load-images")) {
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "application/jsonx")) {
        Buffer body = Buffer.buffer("{\"names\":[\"img_000.jpg\"]}");
        cases.add(new BadInputCase("POST " + path + " as " + type, c -> c.request(HttpMethod.POST, path,
          MultiMap.caseInsensitiveMultiMap().add("Content-Type", type), body), 415, "unsupported_media_type"));
      }
    }
    return cases;
  }

  /**
   * SSRF targets for POST /load-images × as a bare array or under "urls" × alone or after a good signed URL.
   * None may be fetched; the answer names the URL without its query and never shows the signature.
   */
  static List<BadInputCase> ssrf(int apiPort, int emulatorPort, String goodSignedUrl) {
    List<String> targets = new ArrayList<>(List.of(
      "http://169.254.169.254/latest/meta-data/", "http://169.254.169.254/computeMetadata/v1/",
      "http://metadata.google.internal/computeMetadata/v1/", "http://127.0.0.1:" + apiPort + "/images",
      "http://127.0.0.1:" + apiPort + "/health", "http://127.0.0.1/", "http://localhost:" + apiPort + "/",
      "http://localhost:" + emulatorPort + "/test-bucket/photos/img_000.jpg", "http://[::1]:" + emulatorPort + "/", "http://[::1]/",
      "http://[::]/", "http://0.0.0.0:" + emulatorPort + "/", "http://0:" + emulatorPort + "/", "http://2130706433/",
      "http://2130706433:" + emulatorPort + "/", "http://0177.0.0.1:" + emulatorPort + "/", "http://0x7f000001:" + emulatorPort + "/",
      "http://0x7f.0.0.1:" + emulatorPort + "/", "http://127.1:" + emulatorPort + "/", "http://127.0.1:" + emulatorPort + "/",
      "http://[::ffff:127.0.0.1]:" + emulatorPort + "/", "http://[::ffff:7f00:1]:" + emulatorPort + "/",
      "http://127.0.0.2:" + emulatorPort + "/", "http://127.0.0.1.:" + apiPort + "/", "http://10.0.0.1/", "http://192.168.0.1/",
      "http://172.16.0.1/", "http://[fc00::1]/", "http://[fe80::1]/", "http://100.64.0.1/", "http://0251.0376.0251.0376/",
      "http://2852039166/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "file:///etc/passwd",
      "gopher://127.0.0.1:" + emulatorPort + "/", "ftp://127.0.0.1/", "http://user:pw@127.0.0.1:" + emulatorPort + "/b/o",
      "http://127.0.0.1:" + emulatorPort + "@evil.example/", "//127.0.0.1:" + emulatorPort + "/b/o", "", "not a url",
      "http://", "http://[::1", "http://127.0.0.1:99999/", "http:\\\\127.0.0.1\\", "HTTP://169.254.169.254/",
      "http://%31%32%37.0.0.1/", "https://storage.googleapis.com:8443/b/o", "http://storage.googleapis.com.evil.example/b/o"));
    List<BadInputCase> cases = new ArrayList<>();
    for (String target : targets) {
      String url = target.startsWith("http") && target.endsWith("/") ? target + "o.jpg?" + SECRET : target;
      for (boolean wrapped : List.of(false, true)) {
        for (boolean afterGood : List.of(false, true)) {
          JsonArray list = afterGood ? new JsonArray().add(goodSignedUrl).add(url) : new JsonArray().add(url);
          Buffer body = wrapped ? new JsonObject().put("urls", list).toBuffer() : list.toBuffer();
          cases.add(new BadInputCase("POST /load-images " + abbreviate(url) + (wrapped ? " (urls)" : "") + (afterGood ? " 2nd" : ""),
            c -> c.postJson("/load-images", body), 400, "url_not_allowed"));
        }
      }
    }
    return cases;
  }

  /** Over-long request lines, oversized headers and bodies, bytes that are not HTTP; unknown routes and methods. */
  static List<BadInputCase> protocol(int maxBodyBytes) {
    List<BadInputCase> cases = new ArrayList<>();
    String longLine = "GET /images?file_names=" + "a".repeat(400_000) + " HTTP/1.1";
    cases.add(new BadInputCase("request line of 400 KB", c -> c.raw(RawHttp.request(longLine)), 414, "uri_too_long"));
    cases.add(new BadInputCase("one 9 KB header", c -> c.raw(RawHttp.request("GET /images?file_names=img_000.jpg HTTP/1.1",
      "X-Big: " + "b".repeat(9_000))), 431, "headers_too_large"));
    String[] many = IntStream.range(0, 300).mapToObj(i -> "X-H" + i + ": " + "v".repeat(40)).toArray(String[]::new);
    cases.add(new BadInputCase("300 headers", c -> c.raw(RawHttp.request("GET /health HTTP/1.1", many)), 431, "headers_too_large"));
    cases.add(new BadInputCase("garbage request line", c -> c.raw(Buffer.buffer("GARBAGE\r\n\r\n")), 400, "malformed_request"));
    cases.add(new BadInputCase("header without colon", c -> c.raw(RawHttp.request("GET /health HTTP/1.1", "NoColonHere")),
      400, "malformed_request"));
    cases.add(new BadInputCase("control byte in query", c -> c.raw(RawHttp.request("GET /images?file_names=a\u0001b HTTP/1.1")),
      400, "invalid_query"));
    cases.add(new BadInputCase("raw non-ASCII byte in query", c -> c.raw(RawHttp.request("GET /images?file_names=\u00e9.jpg HTTP/1.1")),
      400, "invalid_query"));
    cases.add(new BadInputCase("raw invalid UTF-8 in query", c -> c.raw(RawHttp.request("GET /images?file_names=\u00ff\u00fe HTTP/1.1")),
      400, "invalid_query"));
    String over = "{\"names\":[\"" + "a".repeat(maxBodyBytes) + "\"]}";
    for (String path : List.of("/images/batch", "/load-images")) {
      // Over raw TCP: an HTTP client writing a body the server will not read can stall in its own write.
      cases.add(new BadInputCase("POST " + path + " over MAX_BODY_BYTES", c -> c.raw(withLength(path, over)), 413, "body_too_large"));
      cases.add(new BadInputCase("POST " + path + " chunked over MAX_BODY_BYTES", c -> c.raw(chunked(path, over)), 413, "body_too_large"));
    }
    cases.add(new BadInputCase("DELETE /images", c -> c.request(HttpMethod.DELETE, "/images", null, null), 405, "method_not_allowed"));
    cases.add(new BadInputCase("PUT /load-images", c -> c.request(HttpMethod.PUT, "/load-images", null, Buffer.buffer("[]")),
      405, "method_not_allowed"));
    cases.add(new BadInputCase("GET /load-images", c -> c.get("/load-images"), 405, "method_not_allowed"));
    cases.add(new BadInputCase("GET /nope", c -> c.get("/nope"), 404, "no_route"));
    cases.add(new BadInputCase("GET /images/../../etc/passwd", c -> c.get("/images/../../etc/passwd"), 404, "no_route"));
    cases.add(new BadInputCase("GET /images/%2e%2e/%2e%2e/etc/passwd", c -> c.get("/images/%2e%2e/%2e%2e/etc/passwd"), 404, "no_route"));
    for (String path : List.of("/%zz", "/images%", "/images/%2", "/%g0/x")) {
      cases.add(new BadInputCase("GET " + path, c -> c.get(path), 400, "invalid_path"));
    }
    return cases;
  }

  /**
   * What the HTTP decoder refuses below the router: request lines with versions other than HTTP/1.0 and 1.1 (505),
   * and chunked bodies whose framing breaks (400), sent in one write and with the body 100 ms after the head (once
   * the api is reading it), each with {@code authorization} (a header line, or {@code null}) so that they reach
   * the body with authentication on.
   */
  static List<BadInputCase> framing(String authorization) {
    String[] auth = authorization == null ? new String[0] : new String[] {"Authorization: " + authorization};
    List<BadInputCase> cases = new ArrayList<>();
    for (String version : List.of("HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0", "HTTP/10.1")) {
      cases.add(new BadInputCase("GET /images " + version, c -> c.raw(RawHttp.request("GET /images?file_names=img_000.jpg " + version, auth)),
        505, "http_version_not_supported"));
    }
    // A higher minor version of HTTP/1 is served as HTTP/1.1 (RFC 9112 §2.3): this one reaches the validation.
    cases.add(new BadInputCase("GET /images HTTP/1.2 without names", c -> c.raw(RawHttp.request("GET /images HTTP/1.2", auth)),
      400, "empty_batch"));
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("chunk size not hex", "zz\r\n{\"names\":[]}\r\n0\r\n\r\n");
    bodies.put("bad chunk after a good one", "9\r\n{\"names\":\r\nxyz\r\n[]}\r\n0\r\n\r\n");
    bodies.put("chunk size overflowing", "fffffffffffffffffffffff\r\nabc\r\n0\r\n\r\n");
    bodies.put("negative chunk size", "-5\r\nabcde\r\n0\r\n\r\n");
    for (String path : List.of("/images/batch", "/load-images")) {
      StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
      for (String line : auth) {
        head.append(line).append("\r\n");
      }
      Buffer headBytes = Buffer.buffer(head.append("\r\n").toString());
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        Buffer bodyBytes = Buffer.buffer(body.getValue());
        cases.add(new BadInputCase("POST " + path + " " + body.getKey(), c -> c.raw(headBytes.copy().appendBuffer(bodyBytes)),
          400, "malformed_request"));
        cases.add(new BadInputCase("POST " + path + " " + body.getKey() + ", body later", c -> c.raw(headBytes, bodyBytes),
          400, "malformed_request"));
      }
    }
    return cases;
  }

  private static Buffer withLength(String path, String body) {
    return Buffer.buffer("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
  }

  private static Buffer chunked(String path, String body) {
    StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < body.length(); i += 65_536) {
      String chunk = body.substring(i, Math.min(body.length(), i + 65_536));
      request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    return Buffer.buffer(request.append("0\r\n\r\n").toString());
  }

  static String abbreviate(String text) {
    return text.length() > 90 ? text.substring(0, 90) + "…(" + text.length() + ")" : text;
  }
}
