package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

public class AfterFrameworkStartTest {

    /** A bundle context whose system bundle is in the given state, keeping the framework listeners added. */
    private static final class Framework {
        int state;
        final List<FrameworkListener> listeners = new ArrayList<>();
        final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "addFrameworkListener" -> {
                        listeners.add((FrameworkListener) args[0]);
                        yield null;
                    }
                    case "removeFrameworkListener" -> {
                        listeners.remove(args[0]);
                        yield null;
                    }
                    case "getBundle" -> {
                        assertEquals(Constants.SYSTEM_BUNDLE_LOCATION, args[0]);
                        yield systemBundle();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        Framework(int state) {
            this.state = state;
        }

        Bundle systemBundle() {
            return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("getState")) {
                            return state;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        void fire(int type) {
            for (FrameworkListener listener : List.copyOf(listeners)) {
                listener.frameworkEvent(new FrameworkEvent(type, systemBundle(), null));
            }
        }
    }

    private final AtomicInteger runs = new AtomicInteger();

    @Test
    public void waitsDuringTheStartAndRunsOnceAtStarted() {
        Framework framework = new Framework(Bundle.STARTING);
        AfterFrameworkStart waiting = AfterFrameworkStart.run(framework.context, runs::incrementAndGet);
        assertEquals("not while the start levels are being started", 0, runs.get());

        framework.fire(FrameworkEvent.STARTLEVEL_CHANGED);
        framework.fire(FrameworkEvent.PACKAGES_REFRESHED);
        assertEquals(0, runs.get());

        framework.fire(FrameworkEvent.STARTED);
        framework.state = Bundle.ACTIVE;
        framework.fire(FrameworkEvent.STARTED);
        assertEquals("once", 1, runs.get());
        assertTrue("cancelled after it began: it had begun", waiting.cancel());
        assertEquals("no listener left", List.of(), framework.listeners);
    }

    @Test
    public void runsAtOnceWhenTheFrameworkHasStarted() {
        Framework framework = new Framework(Bundle.ACTIVE);
        AfterFrameworkStart.run(framework.context, runs::incrementAndGet);
        assertEquals(1, runs.get());
        framework.fire(FrameworkEvent.STARTED);
        assertEquals("not again", 1, runs.get());
    }

    @Test
    public void aCancelBeforeTheStartMeansNeverAndSaysSo() {
        Framework framework = new Framework(Bundle.STARTING);
        AfterFrameworkStart waiting = AfterFrameworkStart.run(framework.context, runs::incrementAndGet);
        assertFalse("had not begun", waiting.cancel());
        framework.fire(FrameworkEvent.STARTED);
        assertEquals(0, runs.get());
        assertEquals(List.of(), framework.listeners);
    }
}
