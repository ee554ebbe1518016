package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  @Test
  void noFaultsByDefault() {
    FaultInjector injector = new FaultInjector(FaultSettings.none(0, 0), 1);

    for (int i = 0; i < 100; i++) {
      assertThat(injector.nextDownloadFault()).isEqualTo(DownloadFault.NONE);
      assertThat(injector.nextLatencyMs()).isZero();
    }
  }

  @Test
  void ratesAreRespectedRoughly() {
    FaultInjector injector = new FaultInjector(FaultSettings.none(0, 0), 42);
    injector.replace(
        new FaultSettings(0, 0, 0, 0, 0, 0, 0.3, List.of(500, 503), 0, 0, 0, 0, false));

    int errors = 0;
    for (int i = 0; i < 10_000; i++) {
      DownloadFault fault = injector.nextDownloadFault();
      if (fault.isError()) {
        errors++;
        assertThat(fault.errorStatus()).isIn(500, 503);
      }
    }
    assertThat(errors).isBetween(2_700, 3_300);
  }

  @Test
  void latencyStaysWithinJitterAndNeverNegative() {
    FaultInjector injector = new FaultInjector(FaultSettings.none(10, 20), 7);

    for (int i = 0; i < 1_000; i++) {
      assertThat(injector.nextLatencyMs()).isBetween(0L, 30L);
    }
  }

  @Test
  void putOmittedKeysFallBackToDefaultsAndClearRestoresThem() {
    FaultSettings defaults = FaultSettings.none(15, 5);
    FaultInjector injector = new FaultInjector(defaults, 1);

    injector.replace(FaultSettings.fromJson(new JsonObject().put("resetRate", 0.5), defaults));
    assertThat(injector.settings().latencyMs()).isEqualTo(15);
    assertThat(injector.settings().resetRate()).isEqualTo(0.5);

    injector.clear();
    assertThat(injector.settings()).isEqualTo(defaults);
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    FaultSettings defaults = FaultSettings.none(0, 0);
    assertThatThrownBy(() -> FaultSettings.fromJson(new JsonObject().put("nope", 1), defaults))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FaultSettings.fromJson(new JsonObject().put("corruptRate", -0.1), defaults))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FaultSettings.fromJson(new JsonObject().put("down", "yes"), defaults))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FaultSettings.fromJson(
                    new JsonObject().put("errorStatuses", new JsonArray()),
                    defaults))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
