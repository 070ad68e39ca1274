package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The assembled runtime pointed at the fake AniWorld and s.to through its configuration files: the
 * core indexes both sites, and the sites' CatalogueProvider services answer lookups from inside.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CataloguesIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        PaxDistribution distribution = new PaxDistribution("catalogues-data");
        FakeCatalogues.startAndConfigure(distribution.config, distribution.config, true);
        return distribution.options();
    }

    @Test
    public void indexesBothFakeSitesAndAnswersThroughTheProviders() throws Exception {
        Http http = new Http(Integer.parseInt(System.getProperty(PaxDistribution.PORT_PROPERTY)));
        JsonNode health = http.awaitHealth(h -> indexed(h, "aniworld") && indexed(h, "sto"), WAIT);
        assertEquals("ok", health.path("status").asText());

        CatalogueProvider aniworldProvider = provider("aniworld");
        CatalogueProvider stoProvider = provider("sto");

        assertTrue(slugs(aniworldProvider.search("Attack on Titan")).contains("attack-on-titan"));
        assertTrue(slugs(stoProvider.index()).contains("9-1-1"));
        assertEquals(List.of(0, 1, 2, 3, 4), aniworldProvider.series("attack-on-titan").seasons());
        assertEquals(List.of(0, 1, 2, 3), stoProvider.series("attack-on-titan").seasons());

        EpisodeOffers offers = aniworldProvider.offers("attack-on-titan", 1, 1);
        assertTrue(offers.languages().contains(Language.GERMAN_DUB));
        Offer voe = offers.offers().stream().filter(o -> o.hoster().equals("VOE")).findFirst().orElseThrow();
        URI embed = aniworldProvider.resolve(voe.redirect());
        assertTrue(embed.toString(), embed.toString().startsWith(FakeCatalogues.HOSTER_BASE + "/e/"));
    }

    private static boolean indexed(JsonNode health, String siteId) {
        JsonNode site = catalogue(health, siteId);
        return site != null && site.path("enabled").asBoolean() && site.path("index").path("titles").asInt() > 0;
    }

    private CatalogueProvider provider(String siteId) throws InvalidSyntaxException {
        Collection<ServiceReference<CatalogueProvider>> references = context.getServiceReferences(
                CatalogueProvider.class, "(" + CatalogueProvider.SITE_ID_PROPERTY + "=" + siteId + ")");
        assertEquals(1, references.size());
        return context.getService(references.iterator().next());
    }

    private static List<String> slugs(List<IndexedTitle> titles) {
        return titles.stream().map(IndexedTitle::slug).toList();
    }
}
