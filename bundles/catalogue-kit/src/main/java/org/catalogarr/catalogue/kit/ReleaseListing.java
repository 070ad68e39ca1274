package org.catalogarr.catalogue.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.NewRelease;

/**
 * Turns the entries of a site's listing of new episodes into releases, the same way for every site:
 * an entry that lacks a part is skipped (teasers and ads share the markup), at most
 * {@link CatalogueProvider#MAX_NEW_RELEASES} are kept, and when no entry is complete the first part that
 * was missing is reported as the layout change. Each site only reads one entry.
 */
public final class ReleaseListing {

    /** One entry read: its release, or the selector of the part it lacks. */
    public record Entry(NewRelease release, String missing) {

        public static Entry of(NewRelease release) {
            return new Entry(release, null);
        }

        public static Entry lacking(String selector) {
            return new Entry(null, selector);
        }
    }

    private ReleaseListing() {
    }

    /**
     * @param entries       the listing's entries, in the site's order (newest first)
     * @param entrySelector how the entries were found, named in a layout change
     * @throws CatalogueException LAYOUT_CHANGED when there is no entry, or no complete one
     */
    public static <E> List<NewRelease> releases(List<E> entries, Function<E, Entry> reader, String entrySelector,
            String url) throws CatalogueException {
        if (entries.isEmpty()) {
            throw CatalogueException.layoutChanged(entrySelector, url);
        }
        List<NewRelease> releases = new ArrayList<>();
        String firstMissing = null;
        for (E element : entries) {
            if (releases.size() == CatalogueProvider.MAX_NEW_RELEASES) {
                break;
            }
            Entry entry = reader.apply(element);
            if (entry.release() != null) {
                releases.add(entry.release());
            } else if (firstMissing == null) {
                firstMissing = entry.missing();
            }
        }
        if (releases.isEmpty()) {
            throw CatalogueException.layoutChanged(entrySelector + " " + firstMissing, url);
        }
        return releases;
    }
}
