package io.github.imageloader.driver;

import java.util.List;

/**
 * Whether a soak or spike run passed its acceptance rules, with the figures it was judged on.
 *
 * @param findings one line per figure checked, each saying whether it held
 */
record Verdict(String scenario, boolean passed, List<String> findings) {

  String text() {
    StringBuilder out = new StringBuilder();
    findings.forEach(line -> out.append("  ").append(line).append('\n'));
    out.append(scenario).append(passed ? ": PASSED" : ": FAILED").append('\n');
    return out.toString();
  }
}
