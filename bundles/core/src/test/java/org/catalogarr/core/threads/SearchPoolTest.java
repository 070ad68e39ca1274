package org.catalogarr.core.threads;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.junit.Test;

/** The pools' sizes come from their configuration, checked like every other setting. */
public class SearchPoolTest {

    private final Settings settings = new Settings();

    @Test
    public void sizesComeFromTheConfigurationAndAChangeReplacesThePool() {
        SearchPool search = new SearchPool(settings, Map.of("search_threads", "3", "search_queue", "7"));
        ProbePool probes = new ProbePool(settings, Map.of("probe_threads", "5"));
        try {
            assertEquals(3, search.pool().threads());
            assertEquals(7, search.pool().queue());
            assertEquals(5, probes.pool().threads());
            assertEquals(128, probes.pool().queue());
            BoundedPool before = search.pool();

            search.resize(Map.of("search_threads", "2", "search_queue", "7"));

            assertNotSame(before, search.pool());
            assertEquals(2, search.pool().threads());
        } finally {
            search.close();
            probes.close();
        }
    }

    @Test
    public void aRefusedValueKeepsThePoolInForceAndIsReported() {
        SearchPool search = new SearchPool(settings, Map.of("search_threads", "3"));
        try {
            BoundedPool before = search.pool();

            search.resize(Map.of("search_threads", "0"));

            assertSame(before, search.pool());
            assertTrue(settings.problems().toString(), settings.problems().get(ThreadsConfig.PID).stream()
                    .anyMatch(problem -> problem.contains("search_threads")));
        } finally {
            search.close();
        }
    }

    @Test
    public void theDefaultsAreSmall() {
        SearchPool search = new SearchPool(settings, Map.of());
        ProbePool probes = new ProbePool(settings, Map.of());
        try {
            assertEquals(4, search.pool().threads());
            assertEquals(4, probes.pool().threads());
            assertEquals(SearchPool.NAME, search.pool().name());
        } finally {
            search.close();
            probes.close();
        }
    }
}
