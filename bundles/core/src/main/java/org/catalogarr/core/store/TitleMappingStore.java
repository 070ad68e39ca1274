package org.catalogarr.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code TitleMapping} rows: per site, every normalised title (main and alternative) and
 * the slug it names. A site's index is replaced as a whole, in one transaction, and never touches
 * another site's rows. Aliases (what a site's search answered for a query its index did not know)
 * are kept across index replacements while their series is still listed and no title of the index
 * took their key.
 */
@Component(service = TitleMappingStore.class)
public class TitleMappingStore {

    /** Longest key the column takes; longer titles are cut, which keeps them distinct enough to match. */
    static final int MAX_KEY_LENGTH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TitleMappingStore.class);

    /** Where a mapping's key comes from. */
    public enum Origin {
        /** A main or alternative title of the site's index. */
        INDEX("index"),
        /**
         * The part of an index title before its colon or dash, stored only when it names one series of the
         * site; it is matched exactly, never fuzzily.
         */
        SHORT("short"),
        /** A query the site's search answered with this series; kept across index refreshes. */
        ALIAS("alias");

        private final String column;

        Origin(String column) {
            this.column = column;
        }

        static Origin of(String column) {
            for (Origin origin : values()) {
                if (origin.column.equals(column)) {
                    return origin;
                }
            }
            return INDEX;
        }
    }

    /** One stored mapping. */
    public record Mapping(String titleKey, String slug, Origin origin) {

        /** A title of the site's index. */
        public Mapping(String titleKey, String slug) {
            this(titleKey, slug, Origin.INDEX);
        }
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
     * Replaces a site's index mappings ({@link Origin#INDEX} and {@link Origin#SHORT}). The first mapping of
     * a key wins, so list main titles before alternatives and short forms last: a main title is never
     * shadowed by another series' alternative. Aliases stay while their series is listed and their key is
     * not one of the new index's.
     *
     * @return how many index keys were stored
     */
    public int replace(String siteId, List<Mapping> mappings, Instant refreshedAt) {
        Columns.require(siteId, Columns.SITE_ID, "The site id");
        Map<String, Mapping> unique = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            String key = mapping.titleKey().length() > MAX_KEY_LENGTH
                    ? mapping.titleKey().substring(0, MAX_KEY_LENGTH) : mapping.titleKey();
            if (!Columns.fits(mapping.slug(), Columns.SLUG)) {
                // No page of the site can be asked for with it either; one odd series must not cost the index.
                LOG.warn("Site '{}' lists a slug of {} characters; '{}' is left out of its index", siteId,
                        mapping.slug().length(), Columns.cut(key, 80));
            } else if (!key.isBlank()) {
                unique.putIfAbsent(key, new Mapping(key, mapping.slug(), mapping.origin()));
            }
        }
        return database.inTransaction("The title index of '" + siteId + "' could not be stored", connection -> {
            List<Mapping> aliases = new ArrayList<>();
            List<Timestamp> learnt = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(TitleMappingTable.SELECT_ALIASES)) {
                select.setString(1, siteId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        aliases.add(new Mapping(rows.getString(1), rows.getString(2), Origin.ALIAS));
                        learnt.add(rows.getTimestamp(3));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(TitleMappingTable.DELETE_SITE);
                    PreparedStatement insert = connection.prepareStatement(TitleMappingTable.INSERT)) {
                delete.setString(1, siteId);
                delete.executeUpdate();
                Timestamp at = Timestamp.from(refreshedAt);
                Set<String> listed = new HashSet<>();
                for (Mapping mapping : unique.values()) {
                    add(insert, siteId, mapping.titleKey(), mapping.slug(), at, mapping.origin().column);
                    listed.add(mapping.slug());
                }
                for (int i = 0; i < aliases.size(); i++) {
                    Mapping alias = aliases.get(i);
                    if (listed.contains(alias.slug()) && !unique.containsKey(alias.titleKey())) {
                        add(insert, siteId, alias.titleKey(), alias.slug(), learnt.get(i), Origin.ALIAS.column);
                    }
                }
                insert.executeBatch();
                return unique.size();
            }
        });
    }

    private static void add(PreparedStatement insert, String siteId, String key, String slug, Timestamp at,
            String origin) throws SQLException {
        insert.setString(1, key);
        insert.setString(2, siteId);
        insert.setString(3, slug);
        insert.setTimestamp(4, at);
        insert.setString(5, origin);
        insert.addBatch();
    }

    /**
     * Remembers that a query key names a series of the site, as its search answered. A key the index
     * already has is left alone: the site's own titles win over what we learnt.
     *
     * @return whether the alias was stored
     */
    public boolean remember(String siteId, String titleKey, String slug, Instant learntAt) {
        Columns.require(siteId, Columns.SITE_ID, "The site id");
        if (titleKey.isBlank() || titleKey.length() > MAX_KEY_LENGTH || !Columns.fits(slug, Columns.SLUG)) {
            return false;
        }
        return database.inTransaction("An alias of '" + siteId + "' could not be stored", connection -> {
            try (PreparedStatement select = connection.prepareStatement(TitleMappingTable.SELECT_KEY)) {
                select.setString(1, siteId);
                select.setString(2, titleKey);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && Origin.of(rows.getString(1)) != Origin.ALIAS) {
                        return false;
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(TitleMappingTable.DELETE_KEY);
                    PreparedStatement insert = connection.prepareStatement(TitleMappingTable.INSERT)) {
                delete.setString(1, siteId);
                delete.setString(2, titleKey);
                delete.executeUpdate();
                add(insert, siteId, titleKey, slug, Timestamp.from(learntAt), Origin.ALIAS.column);
                insert.executeBatch();
                return true;
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
                        mappings.add(new Mapping(rows.getString(1), rows.getString(2), Origin.of(rows.getString(3))));
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
