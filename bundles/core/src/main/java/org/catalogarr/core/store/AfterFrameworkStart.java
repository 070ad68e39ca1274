package org.catalogarr.core.store;

import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Runs a task once, when the framework has started every bundle of its start levels — at once when it already
 * has. Background work such as Derby's boot would otherwise run beside the start and take the CPU that the
 * framework's one start thread needs on a small machine; nothing on that thread waits for it.
 */
final class AfterFrameworkStart implements FrameworkListener {

    private final BundleContext context;
    private final Runnable task;
    private final AtomicBoolean done = new AtomicBoolean();

    private AfterFrameworkStart(BundleContext context, Runnable task) {
        this.context = context;
        this.task = task;
    }

    /** Runs the task now if the framework is active, else on its STARTED event (on the framework's event thread). */
    static AfterFrameworkStart run(BundleContext context, Runnable task) {
        AfterFrameworkStart waiting = new AfterFrameworkStart(context, task);
        context.addFrameworkListener(waiting);
        // Felix sets the system bundle ACTIVE only once its beginning start level is reached, just before STARTED.
        if (context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.ACTIVE) {
            waiting.begin();
        }
        return waiting;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            begin();
        }
    }

    private void begin() {
        if (done.compareAndSet(false, true)) {
            task.run();
        }
    }

    /** Stops waiting: the task does not run after this. Returns whether it had begun. */
    boolean cancel() {
        boolean begun = !done.compareAndSet(false, true);
        try {
            context.removeFrameworkListener(this);
        } catch (IllegalStateException e) {
            // the bundle has stopped, and its listeners are gone with it
        }
        return begun;
    }
}
