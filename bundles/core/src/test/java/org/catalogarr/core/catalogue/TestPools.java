package org.catalogarr.core.catalogue;

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

    @Override
    public void close() {
        search.close();
        probes.close();
    }
}
