package org.catalogarr.core.torznab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.catalogue.SiteFailure;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.core.torrent.TorrentFiles;

/**
 * A page of results as the Torznab RSS feed Sonarr and Prowlarr read (the shape Jackett writes), plus a
 * warning per site that could not answer, so a partial result is visibly partial.
 */
public final class FeedWriter {

    public static final String TORZNAB_NAMESPACE = "http://torznab.com/schemas/2015/feed";
    public static final String CATALOGARR_NAMESPACE = "urn:catalogarr:torznab";

    // RFC 822 with a numeric offset, in English whatever the default locale: Sonarr parses it with the
    // invariant culture, and a missing or unreadable pubDate costs the item or the whole feed.
    private static final DateTimeFormatter PUB_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private FeedWriter() {
    }

    /**
     * @param page the results in the order to list them, newest first
     * @param base the address clients reach Catalogarr at, for the download links
     */
    public static void write(OutputStream out, List<ResultEntry> page, List<SiteFailure> failures, URI base,
            String channelTitle) throws IOException {
        try {
            XMLStreamWriter xml = XmlText.open(out);
            xml.setPrefix("torznab", TORZNAB_NAMESPACE);
            xml.setPrefix("catalogarr", CATALOGARR_NAMESPACE);
            xml.writeStartElement("rss");
            xml.writeNamespace("torznab", TORZNAB_NAMESPACE);
            xml.writeNamespace("catalogarr", CATALOGARR_NAMESPACE);
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            text(xml, "title", channelTitle);
            text(xml, "description", channelTitle + ": episodes of the streaming catalogues as torrents");
            text(xml, "link", base.toString());
            for (SiteFailure failure : failures) {
                warning(xml, failure);
            }
            for (ResultEntry entry : page) {
                item(xml, entry, base);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the Torznab feed", e);
        }
    }

    private static void warning(XMLStreamWriter xml, SiteFailure failure) throws XMLStreamException {
        xml.writeStartElement(CATALOGARR_NAMESPACE, "warning");
        xml.writeAttribute("site", XmlText.clean(failure.siteId()));
        xml.writeAttribute("reason", failure.reason().name());
        xml.writeCharacters(XmlText.clean(failure.message() == null ? "" : failure.message()));
        xml.writeEndElement();
    }

    private static void item(XMLStreamWriter xml, ResultEntry entry, URI base) throws XMLStreamException {
        String title = ReleaseNames.title(entry);
        String infohash = Magnets.infohash(entry.siteId(), entry.slug(), entry.season(), entry.episode(),
                entry.language());
        String link = DownloadLinks.link(base, entry, title).toString();
        String size = Long.toString(entry.sizeBytes());
        List<Category> categories = Categories.of(entry);

        xml.writeStartElement("item");
        text(xml, "title", title);
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(infohash);
        xml.writeEndElement();
        text(xml, "pubDate", PUB_DATE.format(entry.publishedAt()));
        text(xml, "size", size);
        text(xml, "link", link);
        for (Category category : categories) {
            text(xml, "category", Integer.toString(category.id()));
        }
        xml.writeEmptyElement("enclosure");
        xml.writeAttribute("url", link);
        xml.writeAttribute("length", size);
        xml.writeAttribute("type", TorrentFiles.MEDIA_TYPE);

        for (Category category : categories) {
            attr(xml, "category", Integer.toString(category.id()));
        }
        attr(xml, "size", size);
        // Sonarr drops releases below its minimum seeders (default 1); a stream is always "seeded".
        attr(xml, "seeders", "1");
        attr(xml, "peers", "1");
        attr(xml, "infohash", infohash);
        attr(xml, "magneturl", Magnets.magnet(entry, title));
        attr(xml, "downloadvolumefactor", "0");
        attr(xml, "uploadvolumefactor", "1");
        Optional<String> audio = audioLanguage(entry.language());
        if (audio.isPresent()) {
            attr(xml, "language", audio.get());
        }

        xml.writeStartElement(CATALOGARR_NAMESPACE, "site");
        xml.writeAttribute("id", XmlText.clean(entry.siteId()));
        xml.writeCharacters(XmlText.clean(entry.siteName()));
        xml.writeEndElement();
        text(xml, CATALOGARR_NAMESPACE, "language", entry.language().code());
        xml.writeEndElement();
    }

    /**
     * The English name of the audio language, which Sonarr takes over the title. A sub has the original
     * audio, which the sites do not name; without the attribute Sonarr assumes the series' original language.
     */
    static Optional<String> audioLanguage(Language language) {
        return switch (language) {
            case GERMAN_DUB -> Optional.of("German");
            case ENGLISH_DUB -> Optional.of("English");
            case GERMAN_SUB, ENGLISH_SUB -> Optional.empty();
        };
    }

    private static void attr(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement(TORZNAB_NAMESPACE, "attr");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", XmlText.clean(value));
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String namespace, String name, String value)
            throws XMLStreamException {
        xml.writeStartElement(namespace, name);
        xml.writeCharacters(XmlText.clean(value));
        xml.writeEndElement();
    }
}
