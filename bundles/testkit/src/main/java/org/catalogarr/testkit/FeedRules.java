package org.catalogarr.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The rules of the acceptance checklist (clients.md §7, items 52–66 and 72–74) that one caps or feed
 * document can be checked against on its own; what Sonarr and Prowlarr need to accept every item.
 */
public final class FeedRules {

    public static final String TORZNAB_NAMESPACE = "http://torznab.com/schemas/2015/feed";

    private static final Pattern RFC_822_NUMERIC = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    private static final Pattern INFOHASH = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern BTIH = Pattern.compile("[?&]xt=urn:btih:([^&]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    // Scene episode (S01E02, S01E02E03, S01E02-03), scene season pack (S01), or anime "[Group] Title - 01".
    private static final Pattern SCENE_TITLE = Pattern.compile(
            "\\S+\\.S\\d{2,3}(E\\d{2,4}((-?E|-)\\d{2,4})*)?\\..+-[\\p{L}\\p{Nd}]+"
                    + "|\\[[^\\]]+\\] .+ - \\d{2,4}( .*)?");
    private static final Set<String> ENGLISH_LANGUAGE_NAMES = Arrays.stream(Locale.getISOLanguages())
            .map(code -> new Locale(code).getDisplayLanguage(Locale.ENGLISH))
            .collect(Collectors.toSet());

    /**
     * One feed item as Sonarr and Prowlarr read it.
     *
     * @param attrs the {@code torznab:attr} values by lowercase name, in document order
     * @param categories the ids of the {@code category} attrs and {@code <category>} elements
     */
    public record Item(String title, String guid, Instant pubDate, String enclosureUrl, long size,
            Set<Integer> categories, Map<String, List<String>> attrs, Element element) {

        /** The first value of an attr, as the clients read it; null if absent. */
        public String attr(String name) {
            List<String> values = attrs.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    // Sonarr's standard and "1x02" episode forms, its season pack, and its anime absolute form (clients.md §2.5).
    private static final Pattern SONARR_EPISODE = Pattern.compile(
            "(?<title>.+?)[. _-]+S(?<season>\\d{1,3})E(?<episode>\\d{1,4})(?:-?E?\\d{1,4})*(?<rest>[. _-].*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SONARR_SEASON = Pattern.compile(
            "(?<title>.+?)[. _-]+S(?<season>\\d{1,3})(?<rest>[. _-].*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPISODE_TAG = Pattern.compile(
            "(?:^|[. _-])(?:S\\d{1,3}(?:E\\d{1,4})?|\\d{1,2}x\\d{1,4}|Season|Staffel)(?=$|[. _-])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SONARR_NOISE_WORDS = Pattern.compile("\\b(?:a|an|the|and|or|of)\\b");

    /**
     * A release title as Sonarr's parser reads it: the series' clean title (what Sonarr compares series
     * names by: lower case, letters and digits only, without "a", "an", "the", "and", "or", "of"), the
     * season, and the episode (0 for a season pack).
     */
    public record SonarrTitle(String cleanSeries, int season, int episode) {
    }

    /**
     * Reads a scene title the way Sonarr does, and fails when the title carries more than one episode tag
     * (a query echoed into it, {@code Show.S01E01.S01E01}), which would also become the file name on disk.
     */
    public static SonarrTitle sonarrTitle(String title) {
        Matcher tags = EPISODE_TAG.matcher(title);
        int count = 0;
        while (tags.find()) {
            count++;
        }
        assertEquals(title + ": one episode tag", 1, count);
        Matcher episode = SONARR_EPISODE.matcher(title);
        if (episode.matches()) {
            return new SonarrTitle(cleanTitle(episode.group("title")), Integer.parseInt(episode.group("season")),
                    Integer.parseInt(episode.group("episode")));
        }
        Matcher season = SONARR_SEASON.matcher(title);
        assertTrue(title + ": Sonarr reads no season or episode", season.matches());
        return new SonarrTitle(cleanTitle(season.group("title")), Integer.parseInt(season.group("season")), 0);
    }

    /** Sonarr's clean form of a series name, by which a release is mapped to a series. */
    public static String cleanTitle(String series) {
        String text = Normalizer.normalize(series, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^\\p{L}\\p{N}]+", " ");
        return SONARR_NOISE_WORDS.matcher(text).replaceAll(" ").replaceAll("\\s+", "");
    }

    private FeedRules() {
    }

    /**
     * Rules 52–55 and 72 on a caps document.
     *
     * @return the declared category ids, categories and subcategories
     */
    public static Set<Integer> assertValidCaps(byte[] caps) {
        Document document = parse(caps);
        assertNoError(document);
        Element root = document.getDocumentElement();
        assertEquals("root of the caps", "caps", root.getLocalName());

        Element searching = single(root, "searching");
        NodeList functions = searching.getChildNodes();
        for (int i = 0; i < functions.getLength(); i++) {
            if (functions.item(i) instanceof Element function && function.getTagName().endsWith("search")) {
                assertTrue(function.getTagName() + " has an available attribute", function.hasAttribute("available"));
            }
        }
        Element search = single(searching, "search");
        assertEquals("search available", "yes", search.getAttribute("available"));
        assertTrue("search supports q", params(search).contains("q"));
        Element tvSearch = single(searching, "tv-search");
        assertEquals("tv-search available", "yes", tvSearch.getAttribute("available"));
        assertTrue("tv-search supports q, season and ep", params(tvSearch).containsAll(List.of("q", "season", "ep")));

        Set<Integer> declared = new HashSet<>();
        boolean tv = false;
        for (Element category : children(single(root, "categories"), "category")) {
            int id = (int) integer(category.getAttribute("id"), "category id");
            declared.add(id);
            Set<Integer> subcats = new HashSet<>();
            for (Element subcat : children(category, "subcat")) {
                subcats.add((int) integer(subcat.getAttribute("id"), "subcat id"));
            }
            declared.addAll(subcats);
            if (id == 5000) {
                assertEquals("name of category 5000", "TV", category.getAttribute("name"));
                assertTrue("TV has subcats 5030 and 5040: " + subcats, subcats.containsAll(List.of(5030, 5040)));
                tv = true;
            }
        }
        assertTrue("caps declare category 5000 TV", tv);

        List<Element> limits = children(root, "limits");
        if (!limits.isEmpty()) {
            integer(limits.get(0).getAttribute("default"), "limits default");
            assertTrue("limits max ≥ 100", integer(limits.get(0).getAttribute("max"), "limits max") >= 100);
        }
        return declared;
    }

    /**
     * Rules 58–64 and 72–74 on a feed, and rules 54 and 61 against the caps it belongs to. An empty
     * channel is valid (rule 66).
     *
     * @return the items, in document order
     */
    public static List<Item> assertValidFeed(byte[] feed, byte[] caps) {
        Set<Integer> declared = assertValidCaps(caps);
        Document document = parse(feed);
        assertNoError(document);
        Element root = document.getDocumentElement();
        assertEquals("root of the feed", "rss", root.getLocalName());
        assertEquals("torznab namespace", TORZNAB_NAMESPACE, root.getAttribute("xmlns:torznab"));
        Element channel = single(root, "channel");

        List<Item> items = new ArrayList<>();
        Set<String> guids = new HashSet<>();
        for (Element element : children(channel, "item")) {
            Item item = item(element);
            assertTrue("guid unique: " + item.guid(), guids.add(item.guid()));
            assertTrue(item.title() + ": categories " + item.categories() + " declared in caps " + declared,
                    !item.categories().isEmpty() && declared.containsAll(item.categories()));
            items.add(item);
        }
        return items;
    }

    /** Rule 64, for the feed without a query: newest first. Searches keep the sites' priority order instead. */
    public static void assertNewestFirst(List<Item> items) {
        for (int i = 1; i < items.size(); i++) {
            assertFalse("items newest first: " + items.get(i).title() + " after " + items.get(i - 1).title(),
                    items.get(i).pubDate().isAfter(items.get(i - 1).pubDate()));
        }
    }

    private static Item item(Element element) {
        String title = text(element, "title");
        assertFalse("item has a title", title.isBlank());
        String at = title + ": ";
        assertTrue(at + "scene-style title", SCENE_TITLE.matcher(title).matches());
        String guid = text(element, "guid");
        assertFalse(at + "guid", guid.isBlank());

        String pubDate = text(element, "pubDate");
        assertTrue(at + "RFC-822 pubDate with numeric offset: " + pubDate, RFC_822_NUMERIC.matcher(pubDate).matches());
        Instant published;
        try {
            published = ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new AssertionError(at + "unreadable pubDate " + pubDate, e);
        }
        assertFalse(at + "pubDate in the future: " + pubDate, published.isAfter(Instant.now()));

        Map<String, List<String>> attrs = new LinkedHashMap<>();
        NodeList attrElements = element.getElementsByTagNameNS(TORZNAB_NAMESPACE, "attr");
        for (int i = 0; i < attrElements.getLength(); i++) {
            Element attr = (Element) attrElements.item(i);
            attrs.computeIfAbsent(attr.getAttribute("name").toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(attr.getAttribute("value"));
        }
        List<String> sizes = attrs.getOrDefault("size", List.of());
        assertEquals(at + "one size attr", 1, sizes.size());
        long size = integer(sizes.get(0), at + "size");

        Element enclosure = single(element, "enclosure");
        String url = enclosure.getAttribute("url");
        assertTrue(at + "absolute enclosure URL " + url, absolute(url));
        assertEquals(at + "enclosure type", "application/x-bittorrent", enclosure.getAttribute("type"));
        assertEquals(at + "enclosure length", sizes.get(0), enclosure.getAttribute("length"));

        Set<Integer> categories = new HashSet<>();
        attrs.getOrDefault("category", List.of()).forEach(id -> categories.add((int) integer(id, at + "category attr")));
        children(element, "category").forEach(c -> categories.add((int) integer(c.getTextContent().strip(), at + "category")));

        long seeders = integer(only(attrs, "seeders", at), at + "seeders");
        assertTrue(at + "seeders ≥ 1", seeders >= 1);
        assertTrue(at + "peers ≥ seeders", integer(only(attrs, "peers", at), at + "peers") >= seeders);
        for (String factor : List.of("downloadvolumefactor", "uploadvolumefactor")) {
            for (String value : attrs.getOrDefault(factor, List.of())) {
                assertTrue(at + factor + " " + value, DECIMAL.matcher(value).matches());
            }
        }

        String infohash = only(attrs, "infohash", at);
        assertTrue(at + "infohash 40 lowercase hex: " + infohash, INFOHASH.matcher(infohash).matches());
        String magnet = only(attrs, "magneturl", at);
        Matcher btih = BTIH.matcher(magnet);
        assertTrue(at + "magnet with btih: " + magnet, magnet.startsWith("magnet:?") && btih.find());
        assertEquals(at + "magnet btih", infohash, btih.group(1).toLowerCase(Locale.ROOT));
        assertTrue(at + "magnet with a tracker: " + magnet, magnet.contains("&tr="));

        for (String language : attrs.getOrDefault("language", List.of())) {
            assertTrue(at + "language attr is an English name: " + language, ENGLISH_LANGUAGE_NAMES.contains(language));
        }
        return new Item(title, guid, published, url, size, Set.copyOf(categories), attrs, element);
    }

    /** Parses with DOM, namespace aware and without DTDs, as a client would. */
    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void assertNoError(Document document) {
        assertEquals("error elements", 0, document.getElementsByTagName("error").getLength());
    }

    private static boolean absolute(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Set<String> params(Element function) {
        return Arrays.stream(function.getAttribute("supportedParams").split(","))
                .map(p -> p.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static String only(Map<String, List<String>> attrs, String name, String at) {
        List<String> values = attrs.getOrDefault(name, List.of());
        assertEquals(at + "one " + name + " attr", 1, values.size());
        return values.get(0);
    }

    private static long integer(String text, String what) {
        if (!INTEGER.matcher(text).matches()) {
            fail(what + " is not an integer: '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static String text(Element parent, String name) {
        return single(parent, name).getTextContent().strip();
    }

    private static Element single(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals("<" + name + "> in <" + parent.getTagName() + ">", 1, found.size());
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getNamespaceURI() == null && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
