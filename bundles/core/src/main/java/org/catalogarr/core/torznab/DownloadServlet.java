package org.catalogarr.core.torznab;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.core.torrent.TorrentFiles;
import org.catalogarr.core.torrent.UrlParameters;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

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

    private transient volatile Enclosure enclosure;
    /** Set when activated by DS; a configuration change is read through it. */
    private transient Settings settings;

    /** Shares the indexer's configuration, where {@code enclosure} is described and validated. */
    @Activate
    public DownloadServlet(@Reference Settings settings, Map<String, Object> properties) {
        this(TorznabSettings.read(settings, properties));
        this.settings = settings;
    }

    DownloadServlet(TorznabServlet.Config config) {
        enclosure = Enclosure.parse(config.enclosure());
    }

    @Modified
    void configure(Map<String, Object> properties) {
        enclosure = Enclosure.parse(TorznabSettings.read(settings, properties).enclosure());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MagnetInfo info;
        try {
            info = DownloadLinks.parse(UrlParameters.asArrays(UrlParameters.decode(request.getQueryString())));
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
