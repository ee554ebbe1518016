package io.github.imageloader.api;

import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document ({@code src/main/resources/openapi.json}) against the api itself: it is a valid OpenAPI
 * document, it names exactly the routes the router has (method and path, both ways), every error code of the
 * event-bus contract is in it, and the api serves it at {@code GET /openapi.json}. That the responses are as it
 * says is checked by every test that goes through {@link TestStack} or {@link BadInputClients}.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

  private ApiVerticle api;
  private OpenApiContract contract;

  @BeforeAll
  void start(Vertx vertx) {
    // The router alone: no loader and no storage needed to see its routes or fetch the document.
    api = new ApiVerticle();
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0);
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)).await();
    contract = OpenApiContract.load(vertx).await();
  }

  /** "GET /images", … for every route with a path and methods. */
  static Set<String> routerOperations(List<Route> routes) {
    Set<String> operations = new TreeSet<>();
    for (Route route : routes) {
      if (route.getPath() != null && route.methods() != null) {
        route.methods().forEach(method -> operations.add(method.name() + " " + route.getPath()));
      }
    }
    return operations;
  }

  static Set<String> documentedOperations(JsonObject document) {
    Set<String> operations = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        operations.add(method.toUpperCase() + " " + path);
      }
    }
    return operations;
  }

  /** What one side has and the other lacks, as lines for a failure report. */
  static List<String> differences(Set<String> routed, Set<String> documented) {
    return java.util.stream.Stream.concat(
      routed.stream().filter(op -> !documented.contains(op)).map(op -> op + ": routed, not documented"),
      documented.stream().filter(op -> !routed.contains(op)).map(op -> op + ": documented, not routed")).toList();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
    Set<String> routed = routerOperations(api.router().getRoutes());
    assertThat(routed).as("the router's routes").contains("GET /images", "POST /images", "GET /openapi.json");
    assertThat(differences(routed, documentedOperations(contract.document))).isEmpty();
  }

  @Test
  void aRouteMissingFromTheDocumentIsNamed() {
    // The check above must be able to fail: take one operation out of the document, and it is reported.
    JsonObject document = contract.document.copy();
    document.getJsonObject("paths").remove("/load-images");
    assertThat(differences(routerOperations(api.router().getRoutes()), documentedOperations(document)))
      .containsExactly("POST /load-images: routed, not documented");
  }

  @Test
  void everyOperationHasAnIdAndDocumentsItsErrors() {
    JsonObject paths = contract.document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        assertThat(operation.getString("operationId")).as(method + " " + path).isNotBlank();
        // Decided below the router, so possible on every path.
        assertThat(operation.getJsonObject("responses").fieldNames()).as(method + " " + path).contains("400", "414", "431", "500", "505");
      }
    }
  }

  @Test
  void everyErrorCodeALoaderCanReplyIsDocumented() {
    List<String> documented = contract.document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error")
      .getJsonObject("properties").getJsonObject("error").getJsonArray("enum").getList();
    assertThat(documented).containsAll(Arrays.stream(LoadFailure.values()).map(LoadFailure::errorCode).collect(Collectors.toSet()));
  }

  @Test
  void theApiServesTheDocument(Vertx vertx) {
    HttpResponse<Buffer> response = WebClient.create(vertx).get(api.actualPort(), "127.0.0.1", OpenApiDocument.PATH).send().await();
    contract.check(HttpMethod.GET, OpenApiDocument.PATH, response.statusCode(), response.headers(), response.body()).await();
    assertThat(response.bodyAsJsonObject()).isEqualTo(contract.document);
    assertThat(response.bodyAsJsonObject().getString("openapi")).startsWith("3.1");
  }
}
