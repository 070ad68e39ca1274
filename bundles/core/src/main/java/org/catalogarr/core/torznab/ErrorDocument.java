package org.catalogarr.core.torznab;

import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The Newznab error answer, {@code <error code="N" description="…"/>}. Sonarr and Prowlarr read it only
 * from a 2xx/3xx response, so the servlet sends it with HTTP 200.
 */
public final class ErrorDocument {

    private ErrorDocument() {
    }

    public static void write(OutputStream out, TorznabException error) throws IOException {
        write(out, error.code(), error.description());
    }

    public static void write(OutputStream out, int code, String description) throws IOException {
        try {
            XMLStreamWriter xml = XmlText.open(out);
            xml.writeEmptyElement("error");
            xml.writeAttribute("code", Integer.toString(code));
            xml.writeAttribute("description", XmlText.clean(description));
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the Torznab error document", e);
        }
    }
}
