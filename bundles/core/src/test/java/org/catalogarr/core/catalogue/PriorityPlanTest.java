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

    /** Each site at most once: a second write of one file could be undone by FileInstall reading it back. */
    private static void assertEachSiteOnce(List<Step> steps) {
        assertEquals(steps.toString(), steps.size(), steps.stream().map(Step::siteId).distinct().count());
    }

    @Test
    public void aSwapMovesTheOvertakenSiteIntoAFreePlace() {
        Map<String, Integer> current = priorities("aniworld", 1, "sto", 2);

        List<Step> steps = PriorityPlan.reorder(current, List.of("sto", "aniworld"));

        assertEquals(List.of(new Step("aniworld", 3)), steps);
        assertEquals(priorities("aniworld", 3, "sto", 2), applyCheckingUniqueness(current, steps));
    }

    @Test
    public void keepsTheOperatorsNumbering() {
        Map<String, Integer> current = priorities("a", 10, "b", 20, "c", 30);

        List<Step> steps = PriorityPlan.reorder(current, List.of("a", "c", "b"));

        assertEquals(List.of(new Step("c", 11)), steps);
        assertEquals(priorities("a", 10, "b", 20, "c", 11), applyCheckingUniqueness(current, steps));
    }

    @Test
    public void whenNoSingleMoveFitsEverySiteIsRenumberedOnceAboveTheHighest() {
        Map<String, Integer> current = priorities("a", 1, "b", 2, "c", 3, "d", 4);

        List<Step> steps = PriorityPlan.reorder(current, List.of("b", "a", "d", "c"));

        assertEachSiteOnce(steps);
        assertEquals(priorities("a", 24, "b", 14, "c", 44, "d", 34), applyCheckingUniqueness(current, steps));
    }

    @Test
    public void aRotationMovesTheOneSiteThatChangedPlace() {
        Map<String, Integer> current = priorities("a", 1, "b", 2, "c", 3, "d", 4);

        List<Step> steps = PriorityPlan.reorder(current, List.of("a", "b", "d", "c"));

        assertEachSiteOnce(steps);
        assertEquals(List.of(new Step("c", 5)), steps);
        applyCheckingUniqueness(current, steps);
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
