package org.catalogarr.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.catalogarr.core.threads.DaemonThreads;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads the body of a request before any servlet runs, without a thread: the bytes are collected by
 * non-blocking reads as they arrive, and only the complete body is handed on. A client that sends its
 * body slowly (or never) therefore holds a connection, not one of the few request threads, and cannot
 * starve {@code /health}, Torznab and Sonarr. The whole body has to arrive within
 * {@value #BODY_DEADLINE_SECONDS} s (else 408) and may not exceed {@value #MAX_BODY} bytes (else 413);
 * only a {@code torrents/add} upload may reach {@value #MAX_UPLOAD_BODY} bytes. As bodies are read before
 * anyone is authenticated, all bodies held at once, from their first byte until the servlet has answered,
 * share a budget of {@value #MAX_BUFFERED} bytes (else 503), so many large uploads from unknown clients
 * cannot exhaust the memory.
 *
 * <p>The admin console is left alone: it asks for a login before it reads a body, and an operator may
 * upload a bundle larger than any API body. A whiteboard preprocessor rather than a filter: a filter
 * could only go asynchronous if every servlet behind it declared asynchronous support.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=-100")
public class BodyBeforeDispatch implements Preprocessor {

    static final String CONSOLE = "/system/console";
    static final String UPLOAD = "/api/v2/torrents/add";
    /** As large as a torrents/add upload may be: a few torrent files (ours are under 1 KiB) or many magnets. */
    static final int MAX_UPLOAD_BODY = 2 * 1024 * 1024;
    /** Every other body is a short form: a login, a list of hashes, a category. */
    static final int MAX_BODY = 64 * 1024;
    /**
     * What all bodies being collected or handled may hold together: a few uploads at once. Parsing makes
     * several copies of a body, so this is a fraction of the heap (256 MiB by default), not a share of it.
     */
    static final long MAX_BUFFERED = 8L * 1024 * 1024;
    static final long BODY_DEADLINE_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(BodyBeforeDispatch.class);

    private final AtomicLong buffered = new AtomicLong();
    private final ScheduledExecutorService deadlines =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("catalogarr-body-deadlines"));

    @Deactivate
    void stop() {
        deadlines.shutdownNow();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (!hasBody(http) || path(http).startsWith(CONSOLE)) {
            chain.doFilter(request, response);
            return;
        }
        int limit = UPLOAD.equals(path(http)) ? MAX_UPLOAD_BODY : MAX_BODY;
        if (http.getContentLengthLong() > limit) {
            refuse(answer, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        // The deadline is the body's alone (below); the servlet's work afterwards is not timed here.
        async.setTimeout(0);
        BodyReader reader = new BodyReader(http, answer, chain, async, limit, buffered);
        reader.deadline = deadlines.schedule(reader::deadlinePassed, BODY_DEADLINE_SECONDS, TimeUnit.SECONDS);
        request.getInputStream().setReadListener(reader);
    }

    /** The decoded path, as the whiteboard resolves servlets by it. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static String tooLarge(int limit) {
        return "Request body larger than " + limit + " bytes";
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        // The rest of the body is not wanted: the connection ends with this answer.
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Collects one request's body; whichever ends first — body, size limit, deadline, error — answers. */
    private static final class BodyReader implements ReadListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final FilterChain chain;
        private final AsyncContext async;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[16 * 1024];
        private final AtomicBoolean answered = new AtomicBoolean();
        private final int limit;
        /** Bytes held by every reader together; this one's share is given back when it answers. */
        private final AtomicLong buffered;
        private long held;
        private volatile ScheduledFuture<?> deadline;
        /** Refused for the budget: the rest of the body is read and dropped (see refuseAndDrain). */
        private volatile boolean draining;
        private final AtomicBoolean drainEnded = new AtomicBoolean();
        private long drained;

        BodyReader(HttpServletRequest request, HttpServletResponse response, FilterChain chain, AsyncContext async,
                int limit, AtomicLong buffered) {
            this.request = request;
            this.response = response;
            this.chain = chain;
            this.async = async;
            this.limit = limit;
            this.buffered = buffered;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (in.isReady() && !in.isFinished()) {
                int read = in.read(buffer);
                if (read <= 0) {
                    continue;
                }
                if (draining) {
                    drained += read;
                    if (drained > limit) {
                        endDrain();
                        return;
                    }
                    continue;
                }
                if (answered.get()) {
                    return;
                }
                if (body.size() + read > limit) {
                    answer(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
                    return;
                }
                if (!reserve(read)) {
                    refuseAndDrain();
                    continue;
                }
                body.write(buffer, 0, read);
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (draining) {
                endDrain();
                return;
            }
            if (!claim()) {
                return;
            }
            try {
                chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
            } catch (ServletException | RuntimeException e) {
                LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                }
            } finally {
                // Given back only now: the servlet's parsing holds several copies of the body meanwhile.
                release();
                async.complete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (draining) {
                endDrain();
                return;
            }
            // The client went away or broke the body off: there is nobody to answer.
            if (claim()) {
                LOG.debug("Body of {} {} not received: {}", request.getMethod(), request.getRequestURI(), failure.toString());
                release();
                async.complete();
            }
        }

        void deadlinePassed() {
            if (draining) {
                endDrain();
                return;
            }
            try {
                answer(HttpServletResponse.SC_REQUEST_TIMEOUT,
                        "Request body not received within " + BODY_DEADLINE_SECONDS + " s");
            } catch (IOException | RuntimeException e) {
                LOG.debug("Answering a request whose body did not arrive failed: {}", e.toString());
            }
        }

        private void answer(int status, String message) throws IOException {
            if (claim()) {
                try {
                    refuse(response, status, message);
                } finally {
                    release();
                    async.complete();
                }
            }
        }

        /**
         * Answers 503 at once when the shared budget is spent, then reads the rest of the body without keeping
         * it (at most its size limit, within the body's deadline) before the connection closes: closing a
         * connection with unread bytes makes the client's system reset it, and the client may then lose the
         * answer already sent and see only a broken connection.
         */
        private void refuseAndDrain() throws IOException {
            if (!answered.compareAndSet(false, true)) {
                return; // answered meanwhile (deadline passed, client gone): that has ended the request
            }
            draining = true;
            try {
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many request bodies at once; try again");
                response.flushBuffer();
            } finally {
                release();
            }
        }

        private void endDrain() {
            if (drainEnded.compareAndSet(false, true)) {
                stopDeadline();
                async.complete();
            }
        }

        /** Counts bytes against the shared budget, unless it is spent or this request is answered already. */
        private synchronized boolean reserve(int bytes) {
            if (answered.get()) {
                return false;
            }
            if (buffered.addAndGet(bytes) > MAX_BUFFERED) {
                buffered.addAndGet(-bytes);
                return false;
            }
            held += bytes;
            return true;
        }

        /** Gives this request's share of the budget back; no byte is reserved after it, as it is answered. */
        private synchronized void release() {
            buffered.addAndGet(-held);
            held = 0;
        }

        /** Whether this caller is the one to answer; also stops the deadline. */
        private boolean claim() {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            stopDeadline();
            return true;
        }

        private void stopDeadline() {
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
