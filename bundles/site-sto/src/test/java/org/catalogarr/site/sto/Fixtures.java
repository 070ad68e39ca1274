package org.catalogarr.site.sto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.junit.Assert;

/** The fake s.to's pages as the parsers see them, read from the testkit on the test classpath. */
final class Fixtures {

    /** Where the pages claim to come from; any site root works, the parsers only resolve against it. */
    static final URI SITE = URI.create("https://serienstream.to");

    private Fixtures() {
    }

    static String page(String resource) {
        String path = "fixtures/sto/" + resource;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URI url(String pathAndQuery) {
        return SITE.resolve(pathAndQuery);
    }

    @FunctionalInterface
    interface Call {
        void run() throws CatalogueException;
    }

    /** Runs a call that must fail with the given reason, and returns the failure for further checks. */
    static CatalogueException failure(Reason reason, Call call) {
        try {
            call.run();
        } catch (CatalogueException e) {
            Assert.assertEquals(e.getMessage(), reason, e.reason());
            return e;
        }
        throw new AssertionError("expected a " + reason + " failure, but the call succeeded");
    }
}
