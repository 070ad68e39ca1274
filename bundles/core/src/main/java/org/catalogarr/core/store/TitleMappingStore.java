package org.catalogarr.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code TitleMapping} rows: per site, every normalised title (main and alternative) and
 * the slug it names. A site's index is replaced as a whole, in one transaction, and never touches
 * another site's rows.
 */
@Component(service = TitleMappingStore.class)
public class TitleMappingStore {

    /** Longest key the column takes; longer titles are cut, which keeps them distinct enough to match. */
    static final int MAX_KEY_LENGTH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TitleMappingStore.class);

    /** One stored mapping. */
    public record Mapping(String titleKey, String slug) {
    }

    /** What is stored for a site: how many keys, and when they were fetched. */
    public record IndexState(int titles, Optional<Instant> refreshedAt) {
    }

    private final Database database;

    @Activate
    public TitleMappingStore(@Reference Database database) {
        this.database = database;
    }

    /**
     * Replaces a site's mappings. The first mapping of a key wins, so list main titles before
     * alternatives: a main title is never shadowed by another series' alternative.
     */
    public int replace(String siteId, List<Mapping> mappings, Instant refreshedAt) {
        Columns.require(siteId, Columns.SITE_ID, "The site id");
        Map<String, String> unique = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            String key = mapping.titleKey().length() > MAX_KEY_LENGTH
                    ? mapping.titleKey().substring(0, MAX_KEY_LENGTH) : mapping.titleKey();
            if (!Columns.fits(mapping.slug(), Columns.SLUG)) {
                // No page of the site can be asked for with it either; one odd series must not cost the index.
                LOG.warn("Site '{}' lists a slug of {} characters; '{}' is left out of its index", siteId,
                        mapping.slug().length(), Columns.cut(key, 80));
            } else if (!key.isBlank()) {
                unique.putIfAbsent(key, mapping.slug());
            }
        }
        return database.inTransaction("The title index of '" + siteId + "' could not be stored", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(TitleMappingTable.DELETE_SITE);
                    PreparedStatement insert = connection.prepareStatement(TitleMappingTable.INSERT)) {
                delete.setString(1, siteId);
                delete.executeUpdate();
                Timestamp at = Timestamp.from(refreshedAt);
                for (Map.Entry<String, String> entry : unique.entrySet()) {
                    insert.setString(1, entry.getKey());
                    insert.setString(2, siteId);
                    insert.setString(3, entry.getValue());
                    insert.setTimestamp(4, at);
                    insert.addBatch();
                }
                insert.executeBatch();
                return unique.size();
            }
        });
    }

    public List<Mapping> mappings(String siteId) {
        return database.withConnection("The title index of '" + siteId + "' could not be read", connection -> {
            List<Mapping> mappings = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(TitleMappingTable.SELECT_SITE)) {
                select.setString(1, siteId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        mappings.add(new Mapping(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return mappings;
        });
    }

    public IndexState state(String siteId) {
        return database.withConnection("The title index of '" + siteId + "' could not be read", connection -> {
            try (PreparedStatement select = connection.prepareStatement(TitleMappingTable.LAST_REFRESHED)) {
                select.setString(1, siteId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    Timestamp at = rows.getTimestamp(1);
                    return new IndexState(rows.getInt(2), Optional.ofNullable(at).map(Timestamp::toInstant));
                }
            }
        });
    }
}
