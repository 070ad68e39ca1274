package org.catalogarr.catalogue.api;

import java.net.URI;
import java.util.Objects;

/**
 * One hoster link of an episode in one language.
 *
 * @param hoster the hoster's name as the site gives it ("VOE", "Vidoza", ...)
 * @param language the audio/subtitle language of this link
 * @param redirect the site's redirect link; {@link CatalogueProvider#resolve(URI)} turns it into the embed URL
 */
public record Offer(String hoster, Language language, URI redirect) {

    public Offer {
        Objects.requireNonNull(hoster, "hoster");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(redirect, "redirect");
    }
}
