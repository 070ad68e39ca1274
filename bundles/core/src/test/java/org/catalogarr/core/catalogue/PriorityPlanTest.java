package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.core.catalogue.PriorityPlan.Step;
import org.junit.Test;

public class PriorityPlanTest {

    private static Map<String, Integer> priorities(Object... siteAndPriority) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < siteAndPriority.length; i += 2) {
            map.put((String) siteAndPriority[i], (Integer) siteAndPriority[i + 1]);
        }
        return map;
    }

    /** Applies the steps one by one and fails if any state in between has two sites on one priority. */
    private static Map<String, Integer> applyCheckingUniqueness(Map<String, Integer> start, List<Step> steps) {
        Map<String, Integer> now = new LinkedHashMap<>(start);
        for (Step step : steps) {
            now.put(step.siteId(), step.priority());
            assertEquals("priorities unique after " + step + ": " + now, now.size(), new HashSet<>(now.values()).size());
        }
        return now;
    }

    @Test
    public void aSwapParksOneSiteOnAFreePriorityFirst() {
        Map<String, Integer> current = priorities("aniworld", 1, "sto", 2);

        List<Step> steps = PriorityPlan.reorder(current, List.of("sto", "aniworld"));

        assertEquals(List.of(new Step("sto", 3), new Step("aniworld", 2), new Step("sto", 1)), steps);
        assertEquals(priorities("aniworld", 2, "sto", 1), applyCheckingUniqueness(current, steps));
    }

    @Test
    public void keepsTheOperatorsNumbering() {
        Map<String, Integer> current = priorities("a", 10, "b", 20, "c", 30);

        List<Step> steps = PriorityPlan.reorder(current, List.of("a", "c", "b"));

        assertEquals(priorities("a", 10, "b", 30, "c", 20), applyCheckingUniqueness(current, steps));
        assertTrue("the site that keeps its place is not touched", steps.stream().noneMatch(s -> s.siteId().equals("a")));
    }

    @Test
    public void aRotationNeedsOnlyOneParkedSite() {
        Map<String, Integer> current = priorities("a", 1, "b", 2, "c", 3, "d", 4);

        List<Step> steps = PriorityPlan.reorder(current, List.of("d", "a", "b", "c"));

        assertEquals(priorities("a", 2, "b", 3, "c", 4, "d", 1), applyCheckingUniqueness(current, steps));
        assertEquals(5, steps.size());
    }

    @Test
    public void theSameOrderNeedsNoUpdate() {
        assertEquals(List.of(), PriorityPlan.reorder(priorities("a", 1, "b", 5), List.of("a", "b")));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAnOrderOfOtherSites() {
        PriorityPlan.reorder(priorities("a", 1, "b", 2), List.of("a", "c"));
    }

    @Test
    public void aSiteEnabledOnATakenPriorityGoesLast() {
        assertEquals(4, PriorityPlan.forEnabling(2, Set.of(1, 2, 3)));
        assertEquals(7, PriorityPlan.forEnabling(7, Set.of(1, 2, 3)));
        assertEquals(2, PriorityPlan.forEnabling(2, Set.of()));
    }
}
