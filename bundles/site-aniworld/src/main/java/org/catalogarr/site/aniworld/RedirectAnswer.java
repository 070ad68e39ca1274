package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.kit.Page;
import org.catalogarr.catalogue.kit.SiteCatalogue;

/**
 * What the site's answer to {@code /redirect/{id}} means. The hoster is never contacted: following
 * the redirect would land on whatever the hoster shows a referer-less client.
 */
final class RedirectAnswer {

    private RedirectAnswer() {
    }

    /** The hoster's embed URL; NOT_FOUND when the site sends the link back to its home page. */
    static URI target(Page answer) throws CatalogueException {
        boolean redirect = answer.status() >= 300 && answer.status() < 400;
        Optional<URI> location = redirect ? answer.location() : Optional.empty();
        if (location.isEmpty()) {
            if (redirect) {
                throw new CatalogueException(Reason.SITE_ERROR, AniWorldCatalogue.SITE_ID + " answered "
                        + answer.uri() + " with HTTP " + answer.status() + " but no Location");
            }
            throw CatalogueException.layoutChanged("Location header of the redirect", answer.uri()
                    + " (HTTP " + answer.status() + " instead of a redirect)");
        }
        URI target = location.get();
        if (isHomeOf(target, answer.uri())) {
            throw new CatalogueException(Reason.NOT_FOUND, AniWorldCatalogue.SITE_ID + " sent " + answer.uri()
                    + " back to its home page: the link is gone");
        }
        return target;
    }

    private static boolean isHomeOf(URI target, URI site) {
        String path = target.getPath() == null ? "" : target.getPath();
        return (path.isEmpty() || path.equals("/")) && SiteCatalogue.sameOrigin(target, site);
    }
}
