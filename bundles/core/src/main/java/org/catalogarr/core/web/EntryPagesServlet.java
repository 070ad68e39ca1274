package org.catalogarr.core.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The addresses people type before they know the right one: {@code /} leads to the console's dashboard, and
 * {@code /torznab} (what the README tells Sonarr users to enter as the indexer's URL) explains that the
 * indexer answers under {@code /torznab/api}, instead of Jetty's bare 404 page. Registered as the default
 * servlet ({@code /}), it also answers every address nothing else serves with a short 404 naming the right ones.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/", "/torznab"})
@HttpWhiteboardServletName("catalogarr-entry-pages")
public class EntryPagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String DASHBOARD = "/system/console/dashboard";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String NOT_FOUND = "Not found. Catalogarr answers Torznab at /torznab/api, the qBittorrent API under"
            + " /api/v2/, its health at /health and the admin console at /system/console.\n";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        if (!List.of("/", "/torznab", "/torznab/").contains(path(request))) {
            write(response, HttpServletResponse.SC_NOT_FOUND, "text/plain", NOT_FOUND);
            return;
        }
        super.service(request, response);
    }

    /** The path asked for: the default servlet's servlet path and path info differ between containers. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI() == null ? "/" : request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path(request).equals("/")) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", DASHBOARD);
            return;
        }
        String server = request.getScheme() + "://" + (request.getHeader("Host") == null
                ? request.getServerName() + ":" + request.getServerPort() : request.getHeader("Host"));
        String accept = request.getHeader("Accept");
        boolean json = accept != null && accept.contains("application/json") && !accept.contains("text/html");
        write(response, HttpServletResponse.SC_OK, json ? "application/json" : "text/plain",
                json ? torznabJson(server) : torznabText(server));
    }

    private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type + "; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String torznabText(String server) {
        return """
                Catalogarr's Torznab indexer answers at %1$s/torznab/api

                In Prowlarr ("Generic Torznab") or Sonarr ("Torznab") enter
                  URL:      %1$s/torznab
                  API path: /api
                  API key:  the api_key of org.catalogarr.torznab.cfg (empty: none)
                Try it: %1$s/torznab/api?t=caps
                The admin console, with everything to copy into Sonarr: %1$s/system/console/dashboard
                """.formatted(server);
    }

    static String torznabJson(String server) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("torznab", server + "/torznab/api");
        json.put("url", server + "/torznab");
        json.put("apiPath", "/api");
        json.put("caps", server + "/torznab/api?t=caps");
        return JSON.writeValueAsString(json);
    }
}
