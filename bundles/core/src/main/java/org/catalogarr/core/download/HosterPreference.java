package org.catalogarr.core.download;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.catalogarr.catalogue.api.Offer;

/**
 * The order in which hosters are tried: the configured names first, in their order, then every
 * other hoster in the site's own order. Names match ignoring case, as sites spell them differently.
 */
record HosterPreference(List<String> names) {

    HosterPreference {
        names = names.stream().map(HosterPreference::key).toList();
    }

    /** From a comma-separated list such as {@code "VOE, Filemoon, Vidoza"}. */
    static HosterPreference parse(String commaSeparated) {
        return new HosterPreference(Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList());
    }

    /** The offers in the order to try them; the sort is stable, so unlisted hosters keep the site's order. */
    List<Offer> order(List<Offer> offers) {
        return offers.stream().sorted(Comparator.comparingInt(this::rank)).toList();
    }

    private int rank(Offer offer) {
        int index = names.indexOf(key(offer.hoster()));
        return index < 0 ? names.size() : index;
    }

    static String key(String hosterName) {
        return hosterName.strip().toLowerCase(Locale.ROOT);
    }
}
