package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class ErrorDocumentTest {

    @Test
    public void writesTheNewznabErrorElement() throws IOException {
        String xml = write(new TorznabException(202, "No such function"));

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><error code=\"202\" description=\"No such function\"/>", xml);
    }

    @Test
    public void escapesAndCleansTheDescription() throws IOException {
        String xml = write(new TorznabException(900, "Site \"s.to\" <down> & \u0007out"));

        assertTrue(xml, xml.contains("description=\"Site &quot;s.to&quot; &lt;down&gt; &amp; out\""));
    }

    private static String write(TorznabException error) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ErrorDocument.write(out, error);
        return out.toString(StandardCharsets.UTF_8);
    }
}
