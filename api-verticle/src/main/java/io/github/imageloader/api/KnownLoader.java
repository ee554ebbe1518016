package io.github.imageloader.api;

import io.github.imageloader.contract.LoaderAnnouncement;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One loader as this api sees it: what it announced, when it was last heard, the jobs this api has outstanding
 * there (in the order they were sent) and how fast it has answered them. Its cost, outstanding jobs times its
 * answer time, is what load-aware dispatch compares: a slow or busy loader costs more and gets less.
 */
final class KnownLoader {

  /** Weight of the newest answer time in the moving average: about the last 20 answers count. */
  private static final double SMOOTHING = 0.1;

  private LoaderAnnouncement announced;
  private long lastHeardMs;
  private double answerMs;
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

  double cost() {
    return (outstanding.size() + 1) * answerMs;
  }

  double answerMs() {
    return answerMs;
  }

  void sent(JobDelivery<?> delivery) {
    outstanding.add(delivery);
  }

  /** @param answeredMs how long the answer took, or a negative number when there was none to learn from */
  void done(JobDelivery<?> delivery, double answeredMs) {
    outstanding.remove(delivery);
    if (answeredMs >= 0) {
      answerMs += SMOOTHING * (answeredMs - answerMs);
    }
  }

  /** The jobs outstanding here, oldest first. */
  Set<JobDelivery<?>> outstanding() {
    return outstanding;
  }
}
