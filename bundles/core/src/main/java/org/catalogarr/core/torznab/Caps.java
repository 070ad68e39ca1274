package org.catalogarr.core.torznab;

import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code t=caps} answer, in the shape Jackett writes and Sonarr and Prowlarr read. Only {@code q},
 * {@code season} and {@code ep} are declared: the catalogues know no tvdb, imdb or TVRage ids, and an id
 * the caps declare would be sent alone, without the title the search needs.
 */
public final class Caps {

    private Caps() {
    }

    public static void write(OutputStream out, String serverTitle, String version) throws IOException {
        try {
            XMLStreamWriter xml = XmlText.open(out);
            xml.writeStartElement("caps");

            xml.writeEmptyElement("server");
            xml.writeAttribute("title", XmlText.clean(serverTitle));
            xml.writeAttribute("version", XmlText.clean(version));

            xml.writeEmptyElement("limits");
            xml.writeAttribute("default", Integer.toString(TorznabRequest.DEFAULT_LIMIT));
            xml.writeAttribute("max", Integer.toString(TorznabRequest.MAX_LIMIT));

            xml.writeStartElement("searching");
            searchFunction(xml, "search", true, "q");
            searchFunction(xml, "tv-search", true, "q,season,ep");
            for (String unavailable : new String[] {"movie-search", "music-search", "audio-search", "book-search"}) {
                searchFunction(xml, unavailable, false, "q");
            }
            xml.writeEndElement();

            xml.writeStartElement("categories");
            for (Category parent : Categories.parents()) {
                xml.writeStartElement("category");
                categoryAttributes(xml, parent);
                for (Category subcat : Categories.subcategories(parent)) {
                    xml.writeEmptyElement("subcat");
                    categoryAttributes(xml, subcat);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();

            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the Torznab caps", e);
        }
    }

    private static void searchFunction(XMLStreamWriter xml, String name, boolean available, String parameters)
            throws XMLStreamException {
        xml.writeEmptyElement(name);
        xml.writeAttribute("available", available ? "yes" : "no");
        xml.writeAttribute("supportedParams", parameters);
    }

    private static void categoryAttributes(XMLStreamWriter xml, Category category) throws XMLStreamException {
        xml.writeAttribute("id", Integer.toString(category.id()));
        xml.writeAttribute("name", category.name());
    }
}
