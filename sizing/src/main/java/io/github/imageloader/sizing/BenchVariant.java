package io.github.imageloader.sizing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One configuration of the node a benchmark measures.
 *
 * @param label       how the report names it
 * @param jar         the node's runnable jar
 * @param javaOptions JVM options replacing the shipped {@code conf/jvm.options}, or {@code null} for those
 * @param env         node settings added to its environment ({@code STORAGE_TRANSPORT=sdk}, …)
 * @param storageTls  whether the node reaches storage over HTTPS (the emulator's TLS listener, trusting its dev CA),
 *                    as production reaches GCS, instead of plain HTTP
 */
record BenchVariant(String label, Path jar, List<String> javaOptions, Map<String, String> env, boolean storageTls) {

  BenchVariant(String label, Path jar, List<String> javaOptions, Map<String, String> env) {
    this(label, jar, javaOptions, env, false);
  }

  String describe() {
    StringBuilder text = new StringBuilder(label).append(": ").append(jar);
    text.append(javaOptions == null ? " with conf/jvm.options" : " with " + String.join(" ", javaOptions));
    text.append(storageTls ? ", storage over HTTPS" : ", storage over HTTP");
    env.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
    return text.toString();
  }
}
