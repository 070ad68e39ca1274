package org.catalogarr.core.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.core.login.LogLimiter;
import org.catalogarr.core.qbit.QbitApiServlet;
import org.catalogarr.core.qbit.QbitSettings;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies the {@link RequestPolicy} to every request the HTTP whiteboard receives, before it is
 * dispatched to any servlet context: the qBittorrent API, Torznab, {@code /health} and the Web Console
 * (which registers its own servlet context) alike, and before the console asks for a login. A refused
 * request changes nothing and reaches no servlet; the API answers 401 {@code Unauthorized} as
 * qBittorrent does, everything else 403 with a few words why. Each reason is logged at most once a minute.
 *
 * <p>The accepted host names come from {@code server_domains} of {@code org.catalogarr.qbit}; a change
 * takes effect at once.
 */
@Component(service = Preprocessor.class, configurationPid = QbitApiServlet.PID)
public class RequestGuard implements Preprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final int LOGGED_HEADER_LENGTH = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogLimiter warnings = new LogLimiter(Clock.systemUTC(), Duration.ofMinutes(1));
    private final String ownHostName = ownHostName();
    private volatile RequestPolicy policy;

    private final Settings settings;

    /** Read through {@link Settings} like the API's other settings: a refused list keeps the previous one. */
    @Activate
    public RequestGuard(@Reference Settings settings, Map<String, Object> properties) {
        this.settings = settings;
        configure(properties);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        QbitApiServlet.Config config = QbitSettings.read(settings, properties);
        policy = new RequestPolicy(new ServerNames(config.server__domains(), ownHostName));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        RequestPolicy.Headers headers = new RequestPolicy.Headers(request.getHeader("Host"),
                request.getHeader("X-Forwarded-Host"), request.getHeader("Origin"), request.getHeader("Referer"));
        String path = request.getRequestURI() == null ? "/" : request.getRequestURI();
        Optional<Refusal> refusal = policy.judge(request.getMethod(), path, headers);
        if (refusal.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        log(refusal.get(), request, headers);
        boolean api = path.startsWith(RequestPolicy.API_PATH);
        boolean adminApi = path.startsWith(RequestPolicy.ADMIN_API_PATH);
        String text = api ? "Unauthorized" : "Forbidden: " + refusal.get().answer();
        byte[] body = (adminApi ? adminError(refusal.get()) : text).getBytes(StandardCharsets.UTF_8);
        response.setStatus(api ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(adminApi ? "application/json; charset=utf-8" : "text/plain; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            // The refused request's body is never read, so the connection cannot carry another request; saying
            // so keeps a client from sending its next request into a connection that is being closed.
            response.setHeader("Connection", "close");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The admin REST API answers its errors as JSON, refusals too; the sentence says what to send instead. */
    static String adminError(Refusal refusal) {
        try {
            return JSON.writeValueAsString(Map.of("error", "Forbidden: " + refusal.answer() + ". " + refusal.remedy()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of one text is always JSON", e);
        }
    }

    private void log(Refusal refusal, HttpServletRequest request, RequestPolicy.Headers headers) {
        if (warnings.allow(refusal.name())) {
            LOG.warn("Refused {} {} from {} (Host '{}', X-Forwarded-Host '{}', Origin '{}', Referer '{}'): {}."
                    + " Logged at most once a minute.", request.getMethod(), shown(request.getRequestURI()),
                    request.getRemoteAddr(), shown(headers.host()), shown(headers.forwardedHost()),
                    shown(headers.origin()), shown(headers.referer()), refusal.reason());
        }
    }

    /** A header as it may go into the log: printable ASCII only and short, so it cannot forge or flood lines. */
    private static String shown(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > LOGGED_HEADER_LENGTH ? printable.substring(0, LOGGED_HEADER_LENGTH) + "…"
                : printable;
    }

    /** Looked up once: the name may need the resolver, which must not be asked per request. */
    private static String ownHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
