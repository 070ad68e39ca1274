package org.catalogarr.warmup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Does, on a thread of its own, two one-time initialisations that otherwise run on Felix's single start thread
 * among everything else, while that thread goes on starting the platform and the core (start level 2): the JDK's
 * list of every available locale (some 60 ms, which Jetty's {@code MimeTypes} asks for when it starts) and the
 * loading of Jackson's classes (the first {@code ObjectMapper}, in the core's first servlet). The second core is
 * mostly idle during the start, so this shortens it. Nothing waits for the thread: whoever comes first does the
 * work and the other waits for it (the JVM's class initialisation lock), so it is done once either way. No
 * logging here: slf4j, asked from two threads while it initialises, would hand out substitute loggers and print
 * a warning on the console.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class WarmUp implements BundleActivator {

    private Thread thread;

    @Override
    public void start(BundleContext context) {
        thread = new Thread(WarmUp::warmUp, "catalogarr-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the thread, so that no code of this bundle runs after it stopped; it ends within a second. */
    @Override
    public void stop(BundleContext context) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static void warmUp() {
        Locale.getAvailableLocales();
        try {
            new ObjectMapper().writeValueAsBytes(Map.of("warm", List.of(1, "up", true)));
        } catch (JsonProcessingException e) {
            // A map of a number, a string and a boolean always maps; were it not to, Jackson loads at first use.
        }
    }
}
