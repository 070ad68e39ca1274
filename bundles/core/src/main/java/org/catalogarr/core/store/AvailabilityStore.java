package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.Language;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The seed's {@code AvailabilityRecord}s: which languages an episode page offered, and when we looked. */
@Component(service = AvailabilityStore.class)
public class AvailabilityStore {

    /** One language of one episode. */
    public record Availability(Language language, boolean available, Instant checkedAt) {
    }

    private final Database database;

    @Activate
    public AvailabilityStore(@Reference Database database) {
        this.database = database;
    }

    /**
     * Records one look at an episode page: the offered languages as available, every language of
     * {@code alsoChecked} and every language recorded before as unavailable unless offered. An
     * observation older than what is stored changes nothing.
     */
    public void record(String siteId, String slug, int season, int episode, Set<Language> offered,
            Set<Language> alsoChecked, Instant checkedAt) {
        Columns.require(siteId, Columns.SITE_ID, "The site id");
        Columns.require(slug, Columns.SLUG, "The slug");
        String what = "Availability of " + siteId + " " + slug + " S" + season + "E" + episode + " could not be stored";
        database.inTransaction(what, connection -> {
            Set<Language> languages = new HashSet<>(offered);
            languages.addAll(alsoChecked);
            for (Availability known : records(connection, siteId, slug, season, episode)) {
                languages.add(known.language());
            }
            try (PreparedStatement update = connection.prepareStatement(AvailabilityTable.UPDATE);
                    PreparedStatement insert = connection.prepareStatement(AvailabilityTable.INSERT)) {
                Timestamp at = Timestamp.from(checkedAt);
                for (Language language : languages) {
                    boolean available = offered.contains(language);
                    update.setBoolean(1, available);
                    update.setTimestamp(2, at);
                    bindKey(update, 3, siteId, slug, season, episode, language);
                    update.setTimestamp(8, at);
                    if (update.executeUpdate() == 0 && !exists(connection, siteId, slug, season, episode, language)) {
                        insert.setBoolean(1, available);
                        insert.setTimestamp(2, at);
                        bindKey(insert, 3, siteId, slug, season, episode, language);
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    public List<Availability> records(String siteId, String slug, int season, int episode) {
        return database.withConnection("Availability of " + siteId + " " + Columns.cut(slug, 80) + " could not be read",
                connection -> records(connection, siteId, slug, season, episode));
    }

    /** Forgets everything seen on a site, e.g. after its address changed. */
    public int forgetSite(String siteId) {
        return database.withConnection("Availability of '" + siteId + "' could not be dropped", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(AvailabilityTable.DELETE_SITE)) {
                delete.setString(1, siteId);
                return delete.executeUpdate();
            }
        });
    }

    private static boolean exists(Connection connection, String siteId, String slug, int season, int episode,
            Language language) throws SQLException {
        return records(connection, siteId, slug, season, episode).stream().anyMatch(a -> a.language() == language);
    }

    private static List<Availability> records(Connection connection, String siteId, String slug, int season,
            int episode) throws SQLException {
        List<Availability> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(AvailabilityTable.SELECT_EPISODE)) {
            select.setString(1, siteId);
            select.setString(2, slug);
            select.setInt(3, season);
            select.setInt(4, episode);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Optional<Language> language = Language.fromCode(rows.getString(1));
                    if (language.isPresent()) {
                        records.add(new Availability(language.get(), rows.getBoolean(2), rows.getTimestamp(3).toInstant()));
                    }
                }
            }
        }
        return records;
    }

    private static void bindKey(PreparedStatement statement, int first, String siteId, String slug, int season,
            int episode, Language language) throws SQLException {
        statement.setString(first, siteId);
        statement.setString(first + 1, slug);
        statement.setInt(first + 2, season);
        statement.setInt(first + 3, episode);
        statement.setString(first + 4, language.code());
    }
}
