package io.github.imageloader.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the Grafana dashboard ({@code deploy/grafana/image-batch-loader.json}) queries, read from its PromQL. */
final class DashboardQueries {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
    "and", "or", "unless", "bool", "offset");

  private DashboardQueries() {
  }

  /** Every PromQL expression of the dashboard's panels and variables. */
  static Set<String> expressions(JsonObject dashboard) {
    Set<String> expressions = new TreeSet<>();
    collect(dashboard, expressions);
    return expressions;
  }

  private static void collect(Object node, Set<String> into) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("expr") || entry.getKey().equals("definition")) {
          into.add((String) entry.getValue());
        } else {
          collect(entry.getValue(), into);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(value -> collect(value, into));
    }
  }

  /**
   * The metric names in one expression: identifiers left once label matchers ({@code {…}}), grouping clauses
   * ({@code by (…)}), ranges ({@code […]}), strings, function calls and keywords are taken out.
   */
  static Set<String> metricNames(String expression) {
    String stripped = expression
      // A variable's label_values(metric, label): the label is no metric.
      .replaceAll("label_values\\(\\s*([^,)]+)\\s*,[^)]*\\)", "$1")
      .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
      .replaceAll("\\{[^}]*}", " ")
      .replaceAll("\\[[^\\]]*\\]", " ")
      .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
      .replaceAll("\\$\\w+", " ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(stripped);
    while (matcher.find()) {
      String token = matcher.group();
      boolean call = stripped.substring(matcher.end()).stripLeading().startsWith("(");
      boolean number = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
      if (!call && !number && !KEYWORDS.contains(token)) {
        names.add(token);
      }
    }
    return names;
  }

  static Set<String> metricNames(JsonObject dashboard) {
    Set<String> names = new TreeSet<>();
    expressions(dashboard).forEach(expression -> names.addAll(metricNames(expression)));
    return names;
  }

  /** The sample names of a Prometheus text exposition ({@code name{labels} value}). */
  static Set<String> exported(String prometheusText) {
    Set<String> names = new TreeSet<>();
    for (String line : prometheusText.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Matcher matcher = IDENTIFIER.matcher(line);
        if (matcher.lookingAt()) {
          names.add(matcher.group());
        }
      }
    }
    return names;
  }
}
