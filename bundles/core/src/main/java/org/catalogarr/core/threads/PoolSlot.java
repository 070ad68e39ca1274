package org.catalogarr.core.threads;

/**
 * The pool a component hands out now. A change of size replaces the pool rather than resizing it (an
 * {@code ArrayBlockingQueue} has a fixed size): work already taken finishes on the old pool, new work
 * goes to the new one.
 */
final class PoolSlot {

    private final String name;
    private final String setting;
    private volatile BoundedPool pool;

    PoolSlot(String name, String setting, int threads, int queue) {
        this.name = name;
        this.setting = setting;
        this.pool = new BoundedPool(name, setting, threads, queue);
    }

    BoundedPool pool() {
        return pool;
    }

    synchronized void resize(int threads, int queue) {
        BoundedPool old = pool;
        if (old.threads() != threads || old.queue() != queue) {
            pool = new BoundedPool(name, setting, threads, queue);
            old.retire();
        }
    }

    synchronized void close() {
        pool.close();
    }
}
