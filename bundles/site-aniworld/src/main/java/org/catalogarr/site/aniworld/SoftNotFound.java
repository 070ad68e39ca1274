package org.catalogarr.site.aniworld;

import java.net.URI;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.jsoup.nodes.Document;

/** AniWorld answers an unknown or deactivated series with HTTP 200 and a notice instead of a 404. */
final class SoftNotFound {

    static final String NOTICE = "Die gewünschte Serie wurde nicht gefunden oder ist im Moment deaktiviert.";

    private SoftNotFound() {
    }

    /** Fails with NOT_FOUND when the page is the notice, so that it is not mistaken for a changed layout. */
    static void check(Document page, URI url) throws CatalogueException {
        if (page.body() != null && page.body().text().contains(NOTICE)) {
            throw new CatalogueException(Reason.NOT_FOUND,
                    AniWorldCatalogue.SITE_ID + " has no such series at " + url + " (the page says: " + NOTICE + ")");
        }
    }
}
