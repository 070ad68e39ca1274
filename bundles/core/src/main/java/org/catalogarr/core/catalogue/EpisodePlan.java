package org.catalogarr.core.catalogue;

import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.Episode;

/** The episodes a query names on a series of a site: one, a season's, an absolute number's, or the latest season's. */
final class EpisodePlan {

    /** One episode of a series. */
    record EpisodeRef(int season, int episode) {
    }

    private EpisodePlan() {
    }

    /** The episodes asked for; none when the site does not have the series, season or episode. */
    static List<EpisodeRef> of(CatalogueProvider provider, String slug, SearchQuery query) throws CatalogueException {
        try {
            if (query.episode().isPresent()) {
                return List.of(new EpisodeRef(query.season().getAsInt(), query.episode().getAsInt()));
            }
            if (query.season().isPresent()) {
                return refs(provider.episodes(slug, query.season().getAsInt()));
            }
            List<Integer> seasons = provider.series(slug).seasons();
            if (query.absoluteEpisode().isPresent()) {
                return absolute(provider, slug, seasons, query.absoluteEpisode().getAsInt());
            }
            int latest = seasons.stream().mapToInt(Integer::intValue).filter(s -> s > 0).max().orElse(0);
            return seasons.contains(latest) ? refs(provider.episodes(slug, latest)) : List.of();
        } catch (CatalogueException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** Counts through the regular seasons in order: anime absolute number N is the N-th episode of all of them. */
    private static List<EpisodeRef> absolute(CatalogueProvider provider, String slug, List<Integer> seasons, int number)
            throws CatalogueException {
        int before = 0;
        for (int season : seasons.stream().filter(s -> s > 0).sorted().toList()) {
            List<Episode> episodes = provider.episodes(slug, season);
            if (number <= before + episodes.size()) {
                return List.of(new EpisodeRef(season, episodes.get(number - before - 1).number()));
            }
            before += episodes.size();
        }
        return List.of();
    }

    private static List<EpisodeRef> refs(List<Episode> episodes) {
        return episodes.stream().map(e -> new EpisodeRef(e.season(), e.number())).toList();
    }
}
