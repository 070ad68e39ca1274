package org.catalogarr.core.qbit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.catalogarr.core.jobs.Jobs;
import org.catalogarr.core.login.LoginThrottle;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/v2/*}: the qBittorrent WebUI API Sonarr uses as a download client. This only adapts
 * requests and answers; {@link QbitApi} decides. The body is read here, not through
 * {@code getParameter}, so that url-encoded and multipart forms are parsed the same way.
 */
@Component(service = Servlet.class, configurationPid = QbitApiServlet.PID)
@HttpWhiteboardServletPattern("/api/v2/*")
@HttpWhiteboardServletName("catalogarr-qbittorrent")
@Designate(ocd = QbitApiServlet.Config.class)
public class QbitApiServlet extends HttpServlet {

    public static final String PID = "org.catalogarr.qbit";

    @ObjectClassDefinition(name = "Catalogarr qBittorrent API",
            description = "The qBittorrent WebUI API v2 that Sonarr adds as a download client.")
    public @interface Config {
        @AttributeDefinition(name = "Username")
        String username() default "admin";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Empty: only clients on this machine are served, without login.")
        String password() default "";

        @AttributeDefinition(name = "Session timeout (seconds)",
                description = "A session ends after this long without requests.")
        long session__timeout() default 3600;

        @AttributeDefinition(name = "Ban duration (seconds)",
                description = "How long an address is refused after 5 failed logins in a row.")
        long ban__duration() default 3600;

        @AttributeDefinition(name = "Server domains",
                description = "Host names this server is reached under besides IP addresses, localhost, names"
                        + " without a dot, .local/.home.arpa/.internal names and the machine's own name, e.g."
                        + " the name of a reverse proxy; comma-separated, *.example.com for subdomains, * for any."
                        + " Requests for other names are refused (DNS rebinding).")
        String server__domains() default "";
    }

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QbitApiServlet.class);
    /** Far above a magnet or a torrent file of ours; a larger {@code torrents/add} is not a client of ours. */
    static final int MAX_ADD_BODY = 2 * 1024 * 1024;
    /** Every other method takes a few short fields (a login, a list of hashes). */
    static final int MAX_BODY = 64 * 1024;

    private final transient Settings settings;
    private final transient Authentication authentication;
    private final transient QbitApi api;

    /**
     * A change of the timeout or the ban duration takes effect on the component's next activation. The
     * configuration is validated here (see {@link Settings}), so a bad value never fails the activation.
     */
    @Activate
    public QbitApiServlet(@Reference Jobs jobs, @Reference Settings settings, Map<String, Object> properties) {
        this(jobs, settings, QbitSettings.read(settings, properties));
    }

    QbitApiServlet(Jobs jobs, Settings settings, Config config) {
        this.settings = settings;
        Clock clock = Clock.systemUTC();
        Sessions sessions = new Sessions(clock, Duration.ofSeconds(config.session__timeout()));
        LoginThrottle throttle = new LoginThrottle(clock, Authentication.MAX_FAILURES,
                Duration.ofSeconds(config.ban__duration()));
        this.authentication = new Authentication(sessions, throttle, clock, credentials(config));
        this.api = new QbitApi(jobs, authentication, clock);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        authentication.configure(credentials(QbitSettings.read(settings, properties)));
    }

    private static Credentials credentials(Config config) {
        return new Credentials(config.username().strip(), config.password());
    }

    /**
     * Refuses what may go no further before the body is read, then reads the body within the method's
     * limit; an unauthenticated request therefore costs no parsing, and an oversized one is answered 413
     * from its {@code Content-Length} alone.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiRequest head = toApiRequest(request, FormParameters.of());
        ApiResponse answer = api.refusal(head).orElse(null);
        if (answer == null) {
            int limit = "torrents/add".equals(head.path()) ? MAX_ADD_BODY : MAX_BODY;
            try {
                FormParameters parameters = FormParameters.parse(request.getQueryString(), request.getContentType(),
                        body(request, limit));
                answer = api.handle(toApiRequest(request, parameters));
            } catch (FormParameters.PartTooLarge e) {
                answer = ApiResponse.text(413, e.getMessage());
            } catch (IllegalArgumentException e) {
                answer = ApiResponse.text(400, e.getMessage());
            } catch (BodyTooLarge e) {
                answer = ApiResponse.text(413, "Request body larger than " + limit + " bytes");
            } catch (RuntimeException e) {
                LOG.error("qBittorrent API {} {} failed", request.getMethod(), request.getPathInfo(), e);
                answer = ApiResponse.text(500, "Internal error: " + e.getMessage());
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        answer.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static ApiRequest toApiRequest(HttpServletRequest request, FormParameters parameters) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        Map<String, String> cookies = new HashMap<>();
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        return new ApiRequest(request.getMethod(), path, parameters, cookies, request.getRemoteAddr());
    }

    private static byte[] body(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new BodyTooLarge();
            }
            return body;
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
