package org.catalogarr.core.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of one pool, numbered as Sling's {@code ExtendedThreadFactory} numbers them
 * ({@code catalogarr-search-1}, {@code catalogarr-search-2}, …), so that a thread dump tells the pool and
 * how many threads it has started; daemons, so that a pool a component forgot to stop never keeps the
 * framework from shutting down.
 */
final class NumberedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger started = new AtomicInteger();

    NumberedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(work, prefix + "-" + started.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
