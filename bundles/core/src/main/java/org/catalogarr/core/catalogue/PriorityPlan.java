package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which to write new search priorities so that no two enabled sites ever share one. Each
 * site's configuration is updated on its own, and the registry refuses a priority an enabled site
 * already has; so a swap first parks one site on a free priority.
 */
final class PriorityPlan {

    /** One configuration update: give {@code siteId} this priority. */
    record Step(String siteId, int priority) {
    }

    private PriorityPlan() {
    }

    /**
     * The updates that give the enabled sites the order {@code wanted}, reusing the priorities they have
     * now (so an operator's numbering such as 10, 20, 30 is kept).
     *
     * @param current the enabled sites and their priorities, in search order
     * @param wanted the same sites in the new order
     */
    static List<Step> reorder(Map<String, Integer> current, List<String> wanted) {
        if (!current.keySet().equals(Set.copyOf(wanted)) || wanted.size() != current.size()) {
            throw new IllegalArgumentException("the new order " + wanted + " must name the sites " + current.keySet());
        }
        List<Integer> values = current.values().stream().sorted().toList();
        Map<String, Integer> target = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            target.put(wanted.get(i), values.get(i));
        }
        Map<String, Integer> now = new LinkedHashMap<>(current);
        List<String> pending = new ArrayList<>(wanted.stream().filter(id -> !target.get(id).equals(now.get(id))).toList());
        List<Step> steps = new ArrayList<>();
        while (!pending.isEmpty()) {
            String next = pending.stream().filter(id -> !now.containsValue(target.get(id))).findFirst().orElse(null);
            if (next != null) {
                pending.remove(next);
                apply(new Step(next, target.get(next)), now, steps);
            } else {
                // Every pending site wants a priority another one still holds: a cycle, broken by parking one.
                int free = Math.max(max(now.values()), max(target.values())) + 1;
                apply(new Step(pending.get(0), free), now, steps);
            }
        }
        return steps;
    }

    /** The priority a site enabled with {@code wanted} gets: its own, or after the last one when taken. */
    static int forEnabling(int wanted, Collection<Integer> enabledPriorities) {
        return enabledPriorities.contains(wanted) ? max(enabledPriorities) + 1 : wanted;
    }

    private static void apply(Step step, Map<String, Integer> now, List<Step> steps) {
        now.put(step.siteId(), step.priority());
        steps.add(step);
    }

    private static int max(Collection<Integer> priorities) {
        return priorities.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
