package org.catalogarr.site.aniworld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.catalogarr.catalogue.api.CatalogueException;

/** The fake AniWorld's pages, read straight from the testkit, as the real site would address them. */
final class Fixtures {

    static final URI SITE = URI.create("https://aniworld.to");

    private Fixtures() {
    }

    static String page(String resource) {
        String path = "fixtures/aniworld/" + resource;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{BASE}}", SITE.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL the page is served at: its resource path without the extension. */
    static URI url(String resource) {
        return SITE.resolve("/" + resource.replaceFirst("\\.html$", ""));
    }

    /** The failure a call must raise; fails the test when it raises none. */
    static CatalogueException failure(Call call) {
        try {
            call.run();
        } catch (CatalogueException expected) {
            return expected;
        }
        throw new AssertionError("expected a CatalogueException");
    }

    @FunctionalInterface
    interface Call {
        void run() throws CatalogueException;
    }
}
