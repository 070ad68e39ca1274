package org.catalogarr.core.torznab;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@value DownloadLinks#PATH}: the enclosure link of a feed item. By default the answer is a 302 to the
 * item's magnet, which Prowlarr passes on to Sonarr; with {@code enclosure = torrent} in the Torznab
 * configuration it is the item's .torrent file. The link carries no secret, so it needs no API key.
 */
@Component(service = Servlet.class, configurationPid = TorznabServlet.PID)
@HttpWhiteboardServletPattern(DownloadLinks.PATH)
@HttpWhiteboardServletName("catalogarr-torznab-download")
public class DownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DownloadServlet.class);

    private transient volatile Enclosure enclosure = Enclosure.MAGNET;

    /** Shares the indexer's configuration, where {@code enclosure} is described. */
    @Activate
    public DownloadServlet(TorznabServlet.Config config) {
        configure(config);
    }

    /** A value that is not one of the choices is logged, and the enclosure stays as it was. */
    @Modified
    void configure(TorznabServlet.Config config) {
        try {
            enclosure = Enclosure.parse(config.enclosure());
        } catch (IllegalArgumentException e) {
            LOG.error("Configuration {} refused: {}; the enclosure stays {}", TorznabServlet.PID, e.getMessage(),
                    enclosure.value());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MagnetInfo info;
        try {
            info = DownloadLinks.parse(parameters(request));
        } catch (IllegalArgumentException e) {
            response.setContentType("text/plain; charset=utf-8");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().println("Not a Catalogarr download link: " + e.getMessage());
            return;
        }
        if (enclosure == Enclosure.MAGNET) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", Magnets.magnet(info));
            return;
        }
        byte[] torrent = TorrentFiles.build(info);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TorrentFiles.MEDIA_TYPE);
        response.setHeader("Content-Disposition", attachment(info.title() + ".torrent"));
        response.setContentLength(torrent.length);
        response.getOutputStream().write(torrent);
    }

    /**
     * The link's parameters. Jetty decodes the query when a parameter is first read and throws its own
     * exception, not an {@link IllegalArgumentException}, for a malformed percent escape such as {@code %zz}:
     * that is a broken link from the client, answered 400 like any other, not a failure of ours.
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        try {
            return request.getParameterMap();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its query is not well-formed URL encoding");
        }
    }

    /**
     * RFC 6266: a plain ASCII {@code filename} for old clients, the exact name in {@code filename*}.
     */
    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
