package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.kit.Page;
import org.junit.Test;

public class RedirectAnswerTest {

    private static final URI REDIRECT = URI.create("https://aniworld.to/redirect/1101");

    private static Page answer(int status, String location) {
        Map<String, List<String>> headers = location == null ? Map.of() : Map.of("location", List.of(location));
        return new Page(REDIRECT, status, headers, "");
    }

    @Test
    public void theLocationIsTheEmbedUrl() throws CatalogueException {
        assertEquals(URI.create("https://voe.sx/e/abc123"), RedirectAnswer.target(answer(302, "https://voe.sx/e/abc123")));
    }

    @Test
    public void aRedirectToTheHomePageMeansTheLinkIsGone() {
        assertEquals(Reason.NOT_FOUND, failure(() -> RedirectAnswer.target(answer(302, "/"))).reason());
        assertEquals(Reason.NOT_FOUND, failure(() -> RedirectAnswer.target(answer(301, "https://aniworld.to"))).reason());
    }

    @Test
    public void anotherHostsHomePageIsAnEmbed() throws CatalogueException {
        assertEquals(URI.create("https://voe.sx/"), RedirectAnswer.target(answer(302, "https://voe.sx/")));
    }

    @Test
    public void aPageInsteadOfARedirectIsALayoutChange() {
        CatalogueException failure = failure(() -> RedirectAnswer.target(answer(200, null)));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
    }

    @Test
    public void aRedirectWithoutLocationIsASiteError() {
        assertEquals(Reason.SITE_ERROR, failure(() -> RedirectAnswer.target(answer(302, null))).reason());
    }
}
