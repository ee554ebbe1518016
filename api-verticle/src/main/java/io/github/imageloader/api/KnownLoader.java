package io.github.imageloader.api;

import io.github.imageloader.contract.LoaderAnnouncement;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One loader as this api sees it: what it announced, when it was last heard, the jobs this api has outstanding
 * there (in the order they were sent) and how fast it has answered them. Its cost, outstanding jobs times its
 * answer time, is what load-aware dispatch compares: a slow or busy loader costs more and gets less.
 * The answer time is a peak-sensitive moving average (as Finagle's "peak EWMA"): a slow answer counts at once and
 * its weight fades over {@link #DECAY_NANOS} of later answers; a loader that has not answered for longer than that
 * (avoided for being slow) is forgotten gradually, so it is tried again.
 */
final class KnownLoader {

  /**
   * How fast a slow answer is forgotten. A unit throttled by its CPU quota answers late for one quota period (100 ms)
   * at a time; a second keeps jobs away from it over several of them, and is still short next to a batch deadline.
   */
  private static final double DECAY_NANOS = 1e9;

  private LoaderAnnouncement announced;
  private long lastHeardMs;
  private double answerMs;
  private long answeredAtNanos = System.nanoTime();
  private long refusedUntilMs;
  private final Set<JobDelivery<?>> outstanding = new LinkedHashSet<>();

  /** @param initialAnswerMs the answer time assumed until it has answered: a newcomer is not trusted to be fast */
  KnownLoader(LoaderAnnouncement announced, long nowMs, double initialAnswerMs) {
    this.announced = announced;
    this.lastHeardMs = nowMs;
    this.answerMs = Math.max(1, initialAnswerMs);
  }

  LoaderAnnouncement announced() {
    return announced;
  }

  void heard(LoaderAnnouncement announcement, long nowMs) {
    this.announced = announcement;
    this.lastHeardMs = nowMs;
  }

  long lastHeardMs() {
    return lastHeardMs;
  }

  /** Takes new jobs: it is serving and has not refused one within the pause. */
  boolean available(long nowMs) {
    return announced.serving() && nowMs >= refusedUntilMs;
  }

  void refusedUntil(long untilMs) {
    refusedUntilMs = untilMs;
  }

  /**
   * Outstanding jobs times the answer time, a job still unanswered counting as at least as slow as it has waited so
   * far: a loader that stops answering (cut off, frozen) gets dearer at once, instead of looking faster as its last
   * answers fade while the jobs sent to it wait for its silence to be noticed.
   */
  double cost() {
    double waitedMs = outstanding.isEmpty() ? 0 : System.currentTimeMillis() - outstanding.iterator().next().sentAtMs();
    return (outstanding.size() + 1) * Math.max(answerMs(System.nanoTime()), waitedMs);
  }

  double answerMs() {
    return answerMs(System.nanoTime());
  }

  private double answerMs(long nowNanos) {
    long idle = nowNanos - answeredAtNanos;
    return idle <= DECAY_NANOS ? answerMs : answerMs * Math.exp(-(idle - DECAY_NANOS) / DECAY_NANOS);
  }

  void sent(JobDelivery<?> delivery) {
    outstanding.add(delivery);
  }

  /** @param answeredMs how long the answer took, or a negative number when there was none to learn from */
  void done(JobDelivery<?> delivery, double answeredMs) {
    outstanding.remove(delivery);
    if (answeredMs >= 0) {
      long now = System.nanoTime();
      double current = answerMs(now);
      double weight = Math.exp(-(now - answeredAtNanos) / DECAY_NANOS);
      answerMs = answeredMs > current ? answeredMs : current * weight + answeredMs * (1 - weight);
      answeredAtNanos = now;
    }
  }

  /** The jobs outstanding here, oldest first. */
  Set<JobDelivery<?>> outstanding() {
    return outstanding;
  }
}
