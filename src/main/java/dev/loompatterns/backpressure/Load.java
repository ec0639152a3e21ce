package dev.loompatterns.backpressure;

import java.time.Duration;

/**
 * How much a run submits, and under what limit.
 *
 * @param tasks   submissions, in one burst
 * @param limit   the most tasks in flight at once
 * @param queue   the pool's bounded queue (platform mode only)
 * @param work    how long each task works (sleeps)
 * @param timeout how long a shedding caller waits for a permit before it gives up (virtual and structured)
 */
public record Load(int tasks, int limit, int queue, Duration work, Duration timeout) {}
