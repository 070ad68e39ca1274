package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * New search priorities for a new order of the enabled sites, written so that no two enabled sites ever
 * share one (the registry refuses that) and each site's configuration is written once: FileInstall reads
 * every configuration file back after it is written, and a second write of the same file within its
 * polling interval could let that read bring the first value back.
 */
final class PriorityPlan {

    /** The gap between priorities when all of them have to be renumbered, so later moves fit in between. */
    static final int SPACING = 10;

    /** One configuration update: give {@code siteId} this priority. */
    record Step(String siteId, int priority) {
    }

    private PriorityPlan() {
    }

    /**
     * The updates that give the enabled sites the order {@code wanted}. When moving a single site does it,
     * only that site gets a new priority: a free one between its new neighbours (so an operator's numbering
     * such as 10, 20, 30 is kept). Otherwise every site is renumbered above the highest priority now, in
     * steps of {@value #SPACING}; those numbers are all free, so the updates may come in any order.
     *
     * @param current the enabled sites and their priorities, in search order
     * @param wanted the same sites in the new order
     */
    static List<Step> reorder(Map<String, Integer> current, List<String> wanted) {
        if (!current.keySet().equals(Set.copyOf(wanted)) || wanted.size() != current.size()) {
            throw new IllegalArgumentException("the new order " + wanted + " must name the sites " + current.keySet());
        }
        List<String> order = new ArrayList<>(current.keySet());
        if (order.equals(wanted)) {
            return List.of();
        }
        for (int i = 0; i < wanted.size(); i++) {
            Optional<Step> single = moveOnly(current, order, wanted, i);
            if (single.isPresent()) {
                return List.of(single.get());
            }
        }
        int highest = max(current.values());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            steps.add(new Step(wanted.get(i), highest + SPACING * (i + 1)));
        }
        return steps;
    }

    /** The single update that moves the site at {@code index} of {@code wanted} into place, if there is one. */
    private static Optional<Step> moveOnly(Map<String, Integer> current, List<String> order, List<String> wanted,
            int index) {
        String site = wanted.get(index);
        List<String> othersNow = new ArrayList<>(order);
        othersNow.remove(site);
        List<String> othersWanted = new ArrayList<>(wanted);
        othersWanted.remove(site);
        if (!othersNow.equals(othersWanted)) {
            return Optional.empty();
        }
        int below = index == 0 ? 0 : current.get(wanted.get(index - 1));
        long above = index == wanted.size() - 1 ? Long.MAX_VALUE : current.get(wanted.get(index + 1));
        for (long priority = below + 1L; priority < above && priority <= Integer.MAX_VALUE; priority++) {
            if (!current.containsValue((int) priority)) {
                return Optional.of(new Step(site, (int) priority));
            }
        }
        return Optional.empty();
    }

    /** The priority a site enabled with {@code wanted} gets: its own, or after the last one when taken. */
    static int forEnabling(int wanted, Collection<Integer> enabledPriorities) {
        return enabledPriorities.contains(wanted) ? max(enabledPriorities) + 1 : wanted;
    }

    private static int max(Collection<Integer> priorities) {
        return priorities.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
