package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.junit.Test;

public class HosterPreferenceTest {

    private static Offer offer(String hoster) {
        return new Offer(hoster, Language.GERMAN_DUB, URI.create("https://site.example/redirect/" + hoster));
    }

    @Test
    public void listedHostersComeFirstIgnoringCaseAndTheRestKeepTheSiteOrder() {
        HosterPreference preference = HosterPreference.parse(" voe ,Vidoza,, ");

        List<Offer> ordered = preference.order(List.of(offer("Streamtape"), offer("Vidoza"), offer("Filemoon"), offer("VOE")));

        assertEquals(List.of("VOE", "Vidoza", "Streamtape", "Filemoon"), ordered.stream().map(Offer::hoster).toList());
    }
}
