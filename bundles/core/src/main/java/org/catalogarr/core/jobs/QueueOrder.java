package org.catalogarr.core.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.catalogarr.core.dto.DownloadJob;

/**
 * The download queue after {@code topPrio}, {@code bottomPrio}, {@code increasePrio} or
 * {@code decreasePrio}. Several jobs moved at once keep their order among themselves, and a job moved
 * up past another moved job does not leapfrog it, as in qBittorrent.
 */
final class QueueOrder {

    private QueueOrder() {
    }

    /**
     * @param queue the unfinished jobs in queue order
     * @param moved the ids of the jobs to move
     * @return the same jobs in their new order
     */
    static List<DownloadJob> move(List<DownloadJob> queue, Collection<String> moved, QueueMove move) {
        List<DownloadJob> order = new ArrayList<>(queue);
        List<DownloadJob> selected = order.stream().filter(j -> moved.contains(j.id())).toList();
        switch (move) {
            case TOP -> {
                order.removeAll(selected);
                order.addAll(0, selected);
            }
            case BOTTOM -> {
                order.removeAll(selected);
                order.addAll(selected);
            }
            case UP -> {
                for (int i = 1; i < order.size(); i++) {
                    if (moved.contains(order.get(i).id()) && !moved.contains(order.get(i - 1).id())) {
                        Collections.swap(order, i, i - 1);
                    }
                }
            }
            case DOWN -> {
                for (int i = order.size() - 2; i >= 0; i--) {
                    if (moved.contains(order.get(i).id()) && !moved.contains(order.get(i + 1).id())) {
                        Collections.swap(order, i, i + 1);
                    }
                }
            }
        }
        return order;
    }
}
