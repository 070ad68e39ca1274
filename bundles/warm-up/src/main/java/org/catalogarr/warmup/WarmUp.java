package org.catalogarr.warmup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

import ch.qos.logback.classic.PatternLayout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Does, on a thread of its own, one-time initialisations that otherwise run on Felix's single start thread
 * among everything else, while that thread goes on starting the platform and the core (start level 2): Logback's
 * pattern converters, the JDK's list of every available locale (some 60 ms, which Jetty's {@code MimeTypes} asks
 * for when it starts) and the loading of Jackson's classes (the first {@code ObjectMapper}, in the core's first
 * servlet). The second core is
 * mostly idle during the start, so this shortens it. Nothing waits for the thread: whoever comes first does the
 * work and the other waits for it (the JVM's class initialisation lock), so it is done once either way. No
 * logging here: slf4j, asked from two threads while it initialises, would hand out substitute loggers and print
 * a warning on the console.
 *
 * <p>Meanwhile, on Felix's thread, it resolves every bundle installed so far in one round: Felix otherwise
 * resolves bundle by bundle as each starts, each round working out the wiring of the bundle's dependencies anew
 * (about 80 ms of the start's CPU in all, against 30 ms for one round; start levels 2 and 3 then find their
 * bundles resolved).
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class WarmUp implements BundleActivator {

    private Thread thread;

    @Override
    public void start(BundleContext context) {
        thread = new Thread(WarmUp::warmUp, "catalogarr-warm-up");
        thread.setDaemon(true);
        thread.start();
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(null);
    }

    /** Waits for the thread, so that no code of this bundle runs after it stopped; it ends within a second. */
    @Override
    public void stop(BundleContext context) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static void warmUp() {
        // Logback's PatternLayout fills its table of converters (some 70 lambdas, about 17 ms) in its static
        // initialiser when Logback configures itself at Jetty's first logger; creating one touches neither slf4j
        // nor Logback's configuration.
        new PatternLayout();
        Locale.getAvailableLocales();
        try {
            new ObjectMapper().writeValueAsBytes(Map.of("warm", List.of(1, "up", true)));
        } catch (JsonProcessingException e) {
            // A map of a number, a string and a boolean always maps; were it not to, Jackson loads at first use.
        }
    }
}
