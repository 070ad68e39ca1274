package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.junit.Test;

public class EpisodePageParserTest {

    private static final URI EPISODE = Fixtures.url("/serie/attack-on-titan/staffel-1/episode-1");

    private static URI play(String token) {
        return Fixtures.url("/r?t=" + token);
    }

    @Test
    public void readsTheLinksWithTheLanguageIdAsAuthorityAndDropsThePlaceholder() throws CatalogueException {
        EpisodeOffers offers = EpisodePageParser.parse(
                Fixtures.page("serie/attack-on-titan/staffel-1/episode-1.html"), EPISODE, 1, 1);

        assertEquals(List.of(
                new Offer("VOE", Language.GERMAN_DUB, play("eyJpdiI6ImFvdDEwMXZvZWRlIn0")),
                new Offer("Vidoza", Language.GERMAN_DUB, play("eyJpdiI6ImFvdDEwMXZpZG96YWRlIn0")),
                new Offer("VOE", Language.ENGLISH_DUB, play("eyJpdiI6ImFvdDEwMXZvZWVuIn0")),
                // no data-language-id: the label "Englisch" decides
                new Offer("Vidoza", Language.ENGLISH_DUB, play("eyJpdiI6ImFvdDEwMXZpZG96YWVuIn0")),
                // id 3 labelled "Deutsch": the id wins
                new Offer("VOE", Language.GERMAN_SUB, play("eyJpdiI6ImFvdDEwMXZvZXN1YiJ9"))), offers.offers());
        assertEquals(Set.of(Language.GERMAN_DUB, Language.ENGLISH_DUB, Language.GERMAN_SUB), offers.languages());
        assertEquals(1, offers.season());
        assertEquals(1, offers.episode());
    }

    @Test
    public void aMovieOffersOnlyItsSubtitledLink() throws CatalogueException {
        EpisodeOffers offers = EpisodePageParser.parse(Fixtures.page("serie/attack-on-titan/staffel-0/episode-1.html"),
                Fixtures.url("/serie/attack-on-titan/staffel-0/episode-1"), 0, 1);

        assertEquals(Set.of(Language.GERMAN_SUB), offers.languages());
        assertEquals(List.of(new Offer("VOE", Language.GERMAN_SUB, play("eyJpdiI6ImFvdDAwMXZvZXN1YiJ9"))),
                offers.offers());
    }

    @Test
    public void anEpisodeWithoutPlayerOffersNothing() throws CatalogueException {
        EpisodeOffers offers = EpisodePageParser.parse(Fixtures.page("serie/attack-on-titan/staffel-1/episode-2.html"),
                Fixtures.url("/serie/attack-on-titan/staffel-1/episode-2"), 1, 2);

        assertTrue(offers.offers().isEmpty());
        assertTrue(offers.languages().isEmpty());
    }

    @Test
    public void anUnreleasedEpisodeIsNotFound() {
        URI url = Fixtures.url("/serie/attack-on-titan/staffel-1/episode-99");

        CatalogueException failure = Fixtures.failure(Reason.NOT_FOUND, () -> EpisodePageParser.parse(
                Fixtures.page("serie/attack-on-titan/staffel-1/episode-99.html"), url, 1, 99));

        assertTrue(failure.getMessage(), failure.getMessage().contains(url.toString()));
    }

    @Test
    public void linksMissingWithoutTheNoPlayerNoticeAreALayoutChange() {
        String emptied = Fixtures.page("serie/attack-on-titan/staffel-1/episode-1.html")
                .replaceAll("(?s)<button.*?</button>", "");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> EpisodePageParser.parse(emptied, EPISODE, 1, 1));

        assertEquals(EpisodePageParser.BUTTONS, failure.selector());
    }

    @Test
    public void namesTheLinkListWhenItIsRenamed() {
        String renamed = Fixtures.page("serie/attack-on-titan/staffel-1/episode-1.html")
                .replace("episode-links", "stream-links");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> EpisodePageParser.parse(renamed, EPISODE, 1, 1));

        assertEquals(EpisodePageParser.LINKS, failure.selector());
    }
}
