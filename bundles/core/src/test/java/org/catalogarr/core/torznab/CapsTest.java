package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.catalogarr.testkit.FeedRules;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class CapsTest {

    static byte[] caps() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Caps.write(out, "Catalogarr", "0.1.0");
        return out.toByteArray();
    }

    @Test
    public void followsTheClientRules() throws IOException {
        assertEquals(Set.of(5000, 5030, 5040, 5070, 2000, 2040), FeedRules.assertValidCaps(caps()));
    }

    @Test
    public void declaresTheServerAndLimits() throws IOException {
        Element root = FeedRules.parse(caps()).getDocumentElement();

        Element server = (Element) root.getElementsByTagName("server").item(0);
        assertEquals("Catalogarr", server.getAttribute("title"));
        assertEquals("0.1.0", server.getAttribute("version"));
        Element limits = (Element) root.getElementsByTagName("limits").item(0);
        assertEquals("100", limits.getAttribute("default"));
        assertEquals("100", limits.getAttribute("max"));
    }

    @Test
    public void offersOnlyTheTitleSearches() throws IOException {
        NodeList functions = ((Element) FeedRules.parse(caps()).getElementsByTagName("searching").item(0)).getChildNodes();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < functions.getLength(); i++) {
            Element function = (Element) functions.item(i);
            described.add(function.getTagName() + " " + function.getAttribute("available") + " "
                    + function.getAttribute("supportedParams"));
        }

        assertEquals(List.of("search yes q", "tv-search yes q,season,ep", "movie-search no q", "music-search no q",
                "audio-search no q", "book-search no q"), described);
    }

    @Test
    public void namesTheCategoriesAsProwlarrMapsThem() throws IOException {
        NodeList categories = FeedRules.parse(caps()).getElementsByTagName("category");
        List<String> described = new ArrayList<>();
        for (int i = 0; i < categories.getLength(); i++) {
            Element category = (Element) categories.item(i);
            StringBuilder line = new StringBuilder(category.getAttribute("id") + " " + category.getAttribute("name"));
            NodeList subcats = category.getElementsByTagName("subcat");
            for (int j = 0; j < subcats.getLength(); j++) {
                Element subcat = (Element) subcats.item(j);
                line.append(", ").append(subcat.getAttribute("id")).append(' ').append(subcat.getAttribute("name"));
            }
            described.add(line.toString());
        }

        assertEquals(List.of("5000 TV, 5030 TV/SD, 5040 TV/HD, 5070 TV/Anime", "2000 Movies, 2040 Movies/HD"), described);
    }
}
