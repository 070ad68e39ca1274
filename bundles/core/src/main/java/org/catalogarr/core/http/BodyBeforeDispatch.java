package org.catalogarr.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads the body of every qBittorrent API request before a servlet runs, without a thread: the bytes
 * are collected by non-blocking reads as they arrive, and only the complete body is handed on. A
 * client that sends its body slowly (or never) therefore holds a connection, not one of the few
 * request threads, and cannot starve {@code /health} and everyone else. The whole body has to arrive
 * within {@value #BODY_DEADLINE_MILLIS} ms (else 408) and may not exceed {@value #MAX_BODY} bytes
 * (else 413); the servlet may apply smaller limits of its own.
 *
 * <p>A whiteboard preprocessor rather than a filter: a filter could only go asynchronous if every
 * servlet behind it declared asynchronous support.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=-100")
public class BodyBeforeDispatch implements Preprocessor {

    static final String PATH = "/api/v2/";
    /** As large as the largest body any servlet behind it accepts (a torrents/add upload). */
    static final int MAX_BODY = 8 * 1024 * 1024;
    static final long BODY_DEADLINE_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(BodyBeforeDispatch.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (!hasBody(http) || !http.getRequestURI().startsWith(PATH)) {
            chain.doFilter(request, response);
            return;
        }
        if (http.getContentLengthLong() > MAX_BODY) {
            refuse(answer, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body larger than " + MAX_BODY
                    + " bytes");
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(BODY_DEADLINE_MILLIS);
        BodyReader reader = new BodyReader(http, answer, chain, async);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Collects one request's body; whichever ends first — body, size limit, deadline, error — answers. */
    private static final class BodyReader implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final FilterChain chain;
        private final AsyncContext async;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[16 * 1024];
        private final AtomicBoolean answered = new AtomicBoolean();

        BodyReader(HttpServletRequest request, HttpServletResponse response, FilterChain chain, AsyncContext async) {
            this.request = request;
            this.response = response;
            this.chain = chain;
            this.async = async;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (in.isReady() && !in.isFinished()) {
                int read = in.read(buffer);
                if (read > 0) {
                    body.write(buffer, 0, read);
                }
                if (body.size() > MAX_BODY) {
                    finish(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                            "Request body larger than " + MAX_BODY + " bytes");
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (!answered.compareAndSet(false, true)) {
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
                async.complete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The client went away or broke the body off: there is nobody to answer.
            if (answered.compareAndSet(false, true)) {
                LOG.debug("Body of {} {} not received: {}", request.getMethod(), request.getRequestURI(), failure.toString());
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            finish(HttpServletResponse.SC_REQUEST_TIMEOUT, "Request body not received within "
                    + BODY_DEADLINE_MILLIS / 1000 + " s");
        }

        private void finish(int status, String message) throws IOException {
            if (answered.compareAndSet(false, true)) {
                try {
                    refuse(response, status, message);
                } finally {
                    async.complete();
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing is held beyond the request.
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Started once, by the preprocessor.
        }
    }
}
