package org.catalogarr.core.torznab;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /torznab/api}: the Torznab indexer Sonarr and Prowlarr talk to. Errors are Torznab error
 * documents with status 200, because both clients ignore the body of any other status.
 */
@Component(service = Servlet.class, configurationPid = TorznabServlet.PID)
@HttpWhiteboardServletPattern("/torznab/api")
@HttpWhiteboardServletName("catalogarr-torznab")
@Designate(ocd = TorznabServlet.Config.class)
public class TorznabServlet extends HttpServlet {

    public static final String PID = "org.catalogarr.torznab";

    @ObjectClassDefinition(name = "Catalogarr Torznab indexer", description = "The indexer Sonarr and Prowlarr use.")
    public @interface Config {
        @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD,
                description = "When set, every request but t=caps must carry it as apikey; empty: no key needed.")
        String api__key() default "";

        @AttributeDefinition(name = "Enclosure", description = "What an item's enclosure link answers: magnet —"
                + " a redirect to the item's magnet; torrent — the item's .torrent file. Either has the item's"
                + " infohash.", options = {
                    @Option(label = "Redirect to the magnet", value = "magnet"),
                    @Option(label = ".torrent file", value = "torrent") })
        String enclosure() default "magnet";
    }

    private static final long serialVersionUID = 1L;
    private static final int INVALID_API_KEY = 100;
    private static final String XML = "application/rss+xml; charset=utf-8";

    private final transient TorznabSearch search;
    private final transient ParsedQueries queries = new ParsedQueries();
    private final transient RenderedFeeds feeds = new RenderedFeeds();
    private final transient LinkBases bases = new LinkBases();
    private transient volatile byte[] apiKey;
    private transient String version;
    private final transient Settings settings;

    @Activate
    public TorznabServlet(@Reference TorznabSearch search, BundleContext context, @Reference Settings settings,
            Map<String, Object> properties) {
        this.search = search;
        this.version = context.getBundle().getVersion().toString();
        this.settings = settings;
        configure(properties);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        apiKey = TorznabSettings.read(settings, properties).api__key().strip().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document is complete in memory before it is sent in one piece with its length: the XML writer
     * makes many small writes, each of which costs a trip through the servlet container otherwise.
     */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(XML);
        response.setHeader("Cache-Control", "no-store");
        byte[] document;
        try {
            document = document(request);
        } catch (TorznabException e) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            ErrorDocument.write(out, e);
            document = out.toByteArray();
        }
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private byte[] document(HttpServletRequest request) throws TorznabException, IOException {
        ParsedQueries.Parsed parsed = queries.parse(request.getQueryString());
        if (parsed.request().type() == TorznabRequest.Type.CAPS) {
            // The newznab convention: caps tell nothing secret, and clients read them before they know the key.
            ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
            Caps.write(out, "Catalogarr", version);
            return out.toByteArray();
        }
        checkApiKey(parsed.request());
        TorznabSearch.FeedPage page = search.answer(parsed.request());
        URI base = bases.of(request);
        // The rendered feed is shared by every request with the same answer: sent as it is, never copied.
        return feeds.feed(parsed.answerKey(), page, base, "Catalogarr");
    }

    private void checkApiKey(TorznabRequest request) throws TorznabException {
        byte[] expected = apiKey;
        if (expected.length == 0) {
            return;
        }
        byte[] given = request.apiKey().orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new TorznabException(INVALID_API_KEY, request.apiKey().isEmpty() ? "Missing parameter (apikey)"
                    : "Invalid API Key");
        }
    }
}
