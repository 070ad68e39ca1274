package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * The seed's {@code TitleMapping} rows: per site, every normalised title (main and alternative) and
 * the slug it names. A site's index is replaced as a whole, in one transaction, and never touches
 * another site's rows.
 */
@Component(service = TitleMappingStore.class)
public class TitleMappingStore {

    /** Longest key the column takes; longer titles are cut, which keeps them distinct enough to match. */
    static final int MAX_KEY_LENGTH = 500;

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
    public int replace(String siteId, List<Mapping> mappings, Instant refreshedAt) throws SQLException {
        Map<String, String> unique = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            String key = mapping.titleKey().length() > MAX_KEY_LENGTH
                    ? mapping.titleKey().substring(0, MAX_KEY_LENGTH) : mapping.titleKey();
            if (!key.isBlank()) {
                unique.putIfAbsent(key, mapping.slug());
            }
        }
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
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
                connection.commit();
                return unique.size();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    public List<Mapping> mappings(String siteId) throws SQLException {
        List<Mapping> mappings = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(TitleMappingTable.SELECT_SITE)) {
            select.setString(1, siteId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    mappings.add(new Mapping(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return mappings;
    }

    public IndexState state(String siteId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(TitleMappingTable.LAST_REFRESHED)) {
            select.setString(1, siteId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Timestamp at = rows.getTimestamp(1);
                return new IndexState(rows.getInt(2), Optional.ofNullable(at).map(Timestamp::toInstant));
            }
        }
    }
}
