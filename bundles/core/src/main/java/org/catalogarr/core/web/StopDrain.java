package org.catalogarr.core.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets the requests being answered finish before the service stops. The framework stops its bundles one by
 * one, and the components behind the servlets (thread pools, database) go before the HTTP server: a search
 * still running then lost its threads and its database under it, logged its sites as failed and wrote its
 * answer into a closed connection. So when the framework is asked to stop (SIGTERM, Ctrl-C), before any
 * bundle stops, every new request is answered {@code 503} at once and the stop waits until the requests in
 * flight are answered, at most {@link #DRAIN}. The first of all preprocessors, so that it counts every request.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=1000")
public class StopDrain implements Preprocessor, SynchronousBundleListener {

    /**
     * The longest the stop waits: a search waits at most for its slowest site's budget (10 s by default),
     * and a service manager kills the service some seconds after SIGTERM (Docker after 10 s), so the wait
     * must leave the rest of the stop (well under a second) its time.
     */
    static final Duration DRAIN = Duration.ofSeconds(8);
    private static final byte[] STOPPING = "Catalogarr is stopping; try again once it is back.\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(StopDrain.class);

    private final RequestsInFlight inFlight = new RequestsInFlight();
    private final BundleContext context;

    @Activate
    public StopDrain(BundleContext context) {
        this.context = context;
        context.addBundleListener(this);
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(this);
    }

    /** Called on the thread that stops the framework, before it stops any bundle: waiting here delays the stop. */
    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.STOPPING || event.getBundle().getBundleId() != Constants.SYSTEM_BUNDLE_ID) {
            return;
        }
        try {
            int left = inFlight.closeAndAwait(DRAIN);
            if (left > 0) {
                LOG.warn("Stopping with {} requests still being answered after {} s", left, DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!inFlight.admit()) {
            refuse(response);
            return;
        }
        boolean async = false;
        try {
            chain.doFilter(request, response);
            async = request.isAsyncStarted();
            if (async) {
                // A request whose body is read asynchronously is answered later, on another thread.
                request.getAsyncContext().addListener(new Answered());
            }
        } finally {
            if (!async) {
                inFlight.answered();
            }
        }
    }

    private static void refuse(ServletResponse response) throws IOException {
        if (response instanceof HttpServletResponse http) {
            http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            http.setHeader("Retry-After", "10");
            // The connection ends with the service; a client should not send its next request into it.
            http.setHeader("Connection", "close");
            http.setHeader("Cache-Control", "no-store");
        }
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(STOPPING.length);
        response.getOutputStream().write(STOPPING);
    }

    /** Counts an asynchronous request out once its answer is complete (also after an error or a timeout). */
    private final class Answered implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            inFlight.answered();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows once the answer is written.
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows once the answer is written.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // The same request, still in flight.
        }
    }
}
