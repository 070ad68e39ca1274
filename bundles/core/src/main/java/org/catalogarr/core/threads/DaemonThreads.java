package org.catalogarr.core.threads;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of Catalogarr's own pools: named, so a thread dump shows what they do, and daemons, so a
 * pool that a component forgot to stop never keeps the framework from shutting down.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
