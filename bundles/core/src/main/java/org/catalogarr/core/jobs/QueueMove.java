package org.catalogarr.core.jobs;

/** Where {@code topPrio}, {@code bottomPrio}, {@code increasePrio} and {@code decreasePrio} move jobs in the queue. */
public enum QueueMove {
    TOP,
    BOTTOM,
    UP,
    DOWN
}
