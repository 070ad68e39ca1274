package org.catalogarr.core.torznab;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What every Torznab document needs from the XML writer. */
final class XmlText {

    // The JDK's own factory: a StAX implementation that happens to be visible (for instance through
    // another bundle) must not change what clients receive.
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private XmlText() {
    }

    static XMLStreamWriter open(OutputStream out) throws XMLStreamException {
        XMLStreamWriter writer = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
        writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        return writer;
    }

    /**
     * Removes the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
     * U+FFFE/U+FFFF): the writer would emit them as they are and the client's parser would reject the
     * whole document. Site titles do contain such characters now and then.
     */
    static String clean(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cleaned.append(c).append(text.charAt(++i));
            } else if (allowed(c)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
    }
}
