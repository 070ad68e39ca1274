package org.catalogarr.console.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.console.security.AdminLogin;
import org.catalogarr.console.security.AdminLogin.Login;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueAdmin.Direction;
import org.catalogarr.core.admin.DownloadAdmin;
import org.catalogarr.core.admin.DownloadRow;
import org.catalogarr.core.admin.ServiceAdmin;
import org.catalogarr.core.admin.ServiceStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin REST API under {@value #BASE}: the console's catalogues and downloads for scripts and the
 * console's own pages, as JSON. It logs in like the console (HTTP Basic with the admin's credentials,
 * throttled by the same {@link AdminLogin} as the console); core's {@code RequestGuard} refuses a
 * state-changing call from another site before it gets here. Thin: it parses, calls one core service and
 * writes the answer; the README lists every call.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(AdminApiServlet.BASE + "/*")
@HttpWhiteboardServletName("catalogarr-admin-api")
public class AdminApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String BASE = "/api/catalogarr/v1";
    /** Bodies are a few settings at most. */
    static final int MAX_BODY = 64 * 1024;
    static final int DEFAULT_LOG_LINES = 100;
    static final int MAX_LOG_LINES = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> JOB_STATES = Set.of("queued", "downloading", "paused", "retrying", "completed",
            "failed", "cancelled");
    /** Active jobs first: what moves, then what waits, then what is done. */
    private static final List<String> JOB_ORDER = List.of("downloading", "queued", "retrying", "paused", "failed",
            "completed", "cancelled");

    private final transient CatalogueAdmin catalogues;
    private final transient DownloadAdmin downloads;
    private final transient ServiceAdmin service;
    private final transient AdminLogin security;

    @Activate
    public AdminApiServlet(@Reference CatalogueAdmin catalogues, @Reference DownloadAdmin downloads,
            @Reference ServiceAdmin service, @Reference AdminLogin security) {
        this.catalogues = catalogues;
        this.downloads = downloads;
        this.service = service;
        this.security = security;
    }

    /** What a call answers: a status and a JSON value, or nothing (204). */
    private record Answer(int status, Object body) {
        static Answer ok(Object body) {
            return new Answer(HttpServletResponse.SC_OK, body);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Login login = security.login(request);
        if (login.user().isEmpty()) {
            if (login.status() == HttpServletResponse.SC_UNAUTHORIZED) {
                AdminLogin.challenge(response);
            }
            write(response, login.status(), JsonViews.error(login.message(), Map.of()));
            return;
        }
        Answer answer;
        try {
            answer = route(request, path(request));
        } catch (ApiError e) {
            answer = new Answer(e.status(), JsonViews.error(e.getMessage(), e.fields()));
        } catch (AdminException e) {
            answer = new Answer(status(e.reason()), JsonViews.error(e.getMessage(), e.fields()));
        }
        write(response, answer.status(), answer.body());
    }

    private static List<String> path(HttpServletRequest request) {
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> segments = new ArrayList<>();
        for (String segment : info.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private Answer route(HttpServletRequest request, List<String> path) throws ApiError, AdminException, IOException {
        String method = request.getMethod();
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "overview" -> {
                only(path, 1, method, "GET");
                return Answer.ok(overview(request));
            }
            case "catalogues" -> {
                return catalogues(request, path, method);
            }
            case "jobs" -> {
                return jobs(request, path, method);
            }
            case "log" -> {
                only(path, 1, method, "GET");
                int limit = number(request.getParameter("limit"), "limit", DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
                return Answer.ok(JsonViews.logLines(service.recentLog(limit)));
            }
            default -> throw notFound();
        }
    }

    private Answer catalogues(HttpServletRequest request, List<String> path, String method)
            throws ApiError, AdminException, IOException {
        Instant now = Instant.now();
        if (path.size() == 1) {
            only(path, 1, method, "GET");
            return Answer.ok(catalogues.catalogues().stream().map(row -> JsonViews.catalogue(row, now)).toList());
        }
        String site = path.get(1);
        String action = path.size() > 2 ? path.get(2) : "";
        if (path.size() > 3) {
            throw notFound();
        }
        switch (action) {
            case "" -> {
                allow(method, "GET");
                return Answer.ok(JsonViews.catalogue(catalogues.catalogue(site), now));
            }
            case "enable", "disable" -> {
                allow(method, "POST");
                catalogues.setEnabled(site, action.equals("enable"));
                return Answer.ok(JsonViews.catalogue(catalogues.catalogue(site), Instant.now()));
            }
            case "priority" -> {
                allow(method, "POST");
                priority(site, body(request));
                return Answer.ok(JsonViews.catalogue(catalogues.catalogue(site), Instant.now()));
            }
            case "test" -> {
                allow(method, "POST");
                return Answer.ok(JsonViews.test(catalogues.test(site)));
            }
            case "refresh-index" -> {
                allow(method, "POST");
                catalogues.refreshIndex(site);
                return new Answer(HttpServletResponse.SC_ACCEPTED, JsonViews.message("The title index of '" + site
                        + "' is being fetched; its age and titles change when it is done."));
            }
            case "settings" -> {
                allow(method, "GET", "PUT");
                if (method.equals("GET")) {
                    return Answer.ok(JsonViews.settings(catalogues.settings(site)));
                }
                return Answer.ok(JsonViews.settings(catalogues.updateSettings(site, values(body(request)))));
            }
            default -> throw notFound();
        }
    }

    private void priority(String site, JsonNode body) throws ApiError, AdminException {
        JsonNode priority = body.get("priority");
        JsonNode move = body.get("move");
        if (priority != null && move == null) {
            if (!priority.canConvertToInt() || !priority.isIntegralNumber()) {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "The priority must be a whole number.",
                        Map.of("priority", "must be a whole number, was " + priority));
            }
            catalogues.setPriority(site, priority.intValue());
        } else if (move != null && priority == null && move.isTextual()
                && (move.asText().equals("up") || move.asText().equals("down"))) {
            catalogues.move(site, move.asText().equals("up") ? Direction.UP : Direction.DOWN);
        } else {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST,
                    "Send either {\"priority\": N} or {\"move\": \"up\"} / {\"move\": \"down\"}.",
                    move != null && priority == null ? Map.of("move", "must be \"up\" or \"down\"") : Map.of());
        }
    }

    private static Map<String, Object> values(JsonNode body) throws ApiError {
        JsonNode values = body.get("values");
        if (values == null || !values.isObject()) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Send the settings as {\"values\": {\"name\": value}}.");
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> plain.put(field.getKey(), plain(field.getValue())));
        return plain;
    }

    /** Text, whole numbers and flags as themselves; anything else as the JSON it was, which the core refuses. */
    private static Object plain(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value;
    }

    private Answer jobs(HttpServletRequest request, List<String> path, String method) throws ApiError, AdminException {
        if (path.size() == 1) {
            only(path, 1, method, "GET");
            String state = filter(request, "state");
            if (state != null && !JOB_STATES.contains(state)) {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "Unknown state '" + state + "'.",
                        Map.of("state", "must be one of " + String.join(", ", JOB_ORDER)));
            }
            String site = filter(request, "site");
            String category = filter(request, "category");
            return Answer.ok(downloads.downloads().stream()
                    .filter(row -> state == null || row.state().equals(state))
                    .filter(row -> site == null || row.site().equals(site))
                    .filter(row -> category == null || row.category().equals(category))
                    .sorted(Comparator.comparingInt((DownloadRow row) -> rank(row.state()))
                            .thenComparing(DownloadRow::addedAt))
                    .map(JsonViews::job).toList());
        }
        String hash = path.get(1);
        if (path.size() == 2) {
            allow(method, "DELETE");
            String files = request.getParameter("files");
            if (files != null && !files.equals("true") && !files.equals("false")) {
                throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "files must be true or false.",
                        Map.of("files", "must be true or false, was '" + files + "'"));
            }
            downloads.delete(hash, "true".equals(files));
            return new Answer(HttpServletResponse.SC_NO_CONTENT, null);
        }
        if (path.size() > 3) {
            throw notFound();
        }
        allow(method, "POST");
        switch (path.get(2)) {
            case "pause" -> downloads.pause(hash);
            case "resume" -> downloads.resume(hash);
            case "retry" -> downloads.retry(hash);
            default -> throw notFound();
        }
        return Answer.ok(downloads.downloads().stream().filter(row -> row.hash().equalsIgnoreCase(hash)).findFirst()
                .map(JsonViews::job).orElse(null));
    }

    private static int rank(String state) {
        int rank = JOB_ORDER.indexOf(state);
        return rank < 0 ? JOB_ORDER.size() : rank;
    }

    private Map<String, Object> overview(HttpServletRequest request) {
        ServiceStatus status = service.status();
        ServerAddress address = ServerAddress.of(request.getHeader("Host"), request.getServerName(),
                request.getServerPort());
        Map<String, Object> torznab = new LinkedHashMap<>();
        torznab.put("url", address.url(request.getScheme()) + "/torznab/api");
        torznab.put("apikey", status.torznabApiKey());
        Map<String, Object> qbittorrent = new LinkedHashMap<>();
        qbittorrent.put("host", address.host());
        qbittorrent.put("port", address.port());
        qbittorrent.put("username", status.qbitUsername());
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", status.health());
        health.put("problems", status.problems());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("torznab", torznab);
        json.put("qbittorrent", qbittorrent);
        json.put("health", health);
        json.put("version", status.version());
        return json;
    }

    private static String filter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static int number(String text, String name, int fallback, int min, int max) throws ApiError {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, as a number out of range is.
        }
        throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, name + " must be a whole number from " + min + " to "
                + max + ".", Map.of(name, "must be a whole number from " + min + " to " + max + ", was '" + text + "'"));
    }

    /** The request's JSON object, read to at most {@value #MAX_BODY} bytes. */
    private static JsonNode body(HttpServletRequest request) throws ApiError, IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The body is larger than " + MAX_BODY
                    + " bytes.");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "The body is not JSON: "
                    + e.getOriginalMessage() + ".");
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(HttpServletResponse.SC_BAD_REQUEST, "The body must be a JSON object.");
        }
        return body;
    }

    private static void only(List<String> path, int length, String method, String allowed) throws ApiError {
        if (path.size() != length) {
            throw notFound();
        }
        allow(method, allowed);
    }

    private static void allow(String method, String... allowed) throws ApiError {
        if (!List.of(allowed).contains(method)) {
            throw new ApiError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is not allowed here; use "
                    + String.join(" or ", allowed) + ".");
        }
    }

    private static ApiError notFound() {
        return new ApiError(HttpServletResponse.SC_NOT_FOUND, "There is no such call; see the README's admin API"
                + " table.");
    }

    private static int status(AdminException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case CONFLICT -> HttpServletResponse.SC_CONFLICT;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
            case FAILED -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        };
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_NO_CONTENT) {
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
