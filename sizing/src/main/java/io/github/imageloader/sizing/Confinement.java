package io.github.imageloader.sizing;

import java.io.IOException;

/**
 * What confines one unit to its CPU and memory limits and reports its usage as docker stats does: a cgroup
 * the tool made ({@link Cgroup}), or a container of a real engine ({@link PodmanContainer}).
 */
interface Confinement {

  /** CPU time the unit has used so far, in microseconds (rates are differences between two readings). */
  long cpuUsageMicros() throws IOException;

  /** Memory as docker stats shows it: usage less the inactive file cache. */
  long memoryBytes() throws IOException;

  /** CFS periods so far and how many the unit was throttled in, or null where the source does not say. */
  long[] throttling() throws IOException;

  /** Undoes the confinement once the unit's process is gone (best effort). */
  void remove();

  /** How the report names it: "cgroup v1", "podman 4.3.1 container". */
  String describe();
}
