package org.catalogarr.core.catalogue;

import java.util.concurrent.TimeUnit;

import org.catalogarr.core.threads.BoundedPool;

/** The search and episode-page pools of a test, sized as small as the defaults, closed after it. */
final class TestPools implements AutoCloseable {

    final BoundedPool search = new BoundedPool("test-search", "search_threads", 8, 64);
    final BoundedPool probes = new BoundedPool("test-probe", "probe_threads", 8, 128);

    BoundedPool search() {
        return search;
    }

    BoundedPool probes() {
        return probes;
    }

    /**
     * Stops both pools and waits (at most 10 s) until their threads have ended: interrupted work may still be
     * writing to the test's database, and closing that database under a writer once hung Derby's shutdown.
     */
    @Override
    public void close() {
        search.close();
        probes.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((search.alive() > 0 || probes.alive() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
