package org.catalogarr.core.torznab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.catalogue.SearchQuery;
import org.catalogarr.core.catalogue.SearchResult;
import org.catalogarr.core.catalogue.SearchService;
import org.catalogarr.core.catalogue.SiteFailure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers a Torznab search or tv-search: the merged search, narrowed to the requested categories and
 * cut to the requested page. Failed sites travel along as warnings; when every enabled site failed,
 * or none is enabled, the answer is a Torznab error instead of an empty feed that would look like
 * "nothing found".
 */
@Component(service = TorznabSearch.class)
public class TorznabSearch {

    /** A page of a feed and the warnings that belong to it. */
    public record FeedPage(List<ResultEntry> entries, List<SiteFailure> failures) {
    }

    private static final int UNKNOWN_ERROR = 900;

    private final SearchService search;

    @Activate
    public TorznabSearch(@Reference SearchService search) {
        this.search = search;
    }

    public FeedPage answer(TorznabRequest request) throws TorznabException {
        if (request.daily()) {
            return new FeedPage(List.of(), List.of());
        }
        Optional<String> series = Optional.of(request.seriesQuery()).filter(s -> !s.isBlank());
        // t=search is Prowlarr's manual search, free text; t=tvsearch is Sonarr naming a series it knows.
        SearchResult result = search.search(new SearchQuery(series, request.season(), request.episode(),
                series.isPresent() && request.season().isEmpty() ? request.absoluteEpisode() : OptionalInt.empty(),
                request.type() == TorznabRequest.Type.SEARCH));
        if (result.sitesAsked() == 0) {
            throw new TorznabException(UNKNOWN_ERROR,
                    "No catalogue site is enabled: enable one in the admin console or in its configuration file");
        }
        if (result.allFailed()) {
            throw new TorznabException(UNKNOWN_ERROR, "Every enabled catalogue site failed: " + result.failures()
                    .stream().map(f -> f.siteName() + " (" + f.reason() + "): " + f.message())
                    .collect(Collectors.joining("; ")));
        }
        List<ResultEntry> wanted = new ArrayList<>(result.entries().size());
        for (ResultEntry entry : result.entries()) {
            if (inCategories(entry, request.categories())) {
                wanted.add(entry);
            }
        }
        int from = Math.min(request.offset(), wanted.size());
        int to = (int) Math.min((long) from + request.limit(), wanted.size());
        return new FeedPage(Collections.unmodifiableList(wanted).subList(from, to), result.failures());
    }

    private static boolean inCategories(ResultEntry entry, List<Integer> requested) {
        if (requested.isEmpty()) {
            return true;
        }
        for (Category category : Categories.of(entry)) {
            if (requested.contains(category.id())) {
                return true;
            }
        }
        return false;
    }
}
