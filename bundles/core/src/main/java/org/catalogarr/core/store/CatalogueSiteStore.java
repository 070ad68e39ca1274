package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The last known state of each catalogue site, kept so that jobs, mappings and availability rows name
 * a site the database knows even while its bundle is not installed.
 */
@Component(service = CatalogueSiteStore.class)
public class CatalogueSiteStore {

    /** One stored row; languages as their configuration codes, most wanted first. */
    public record StoredSite(String siteId, String displayName, String baseUrl, int searchPriority,
            List<String> defaultLanguages, boolean enabled, int searchTimeoutSeconds) {
    }

    private final Database database;

    @Activate
    public CatalogueSiteStore(@Reference Database database) {
        this.database = database;
    }

    public void save(CatalogueSite site) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            if (write(connection, CatalogueSiteTable.UPDATE, site) == 0) {
                write(connection, CatalogueSiteTable.INSERT, site);
            }
        }
    }

    private static int write(Connection connection, String sql, CatalogueSite site) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, site.displayName());
            statement.setString(2, site.baseUrl().toString());
            statement.setInt(3, site.searchPriority());
            statement.setString(4, site.defaultLanguages().stream().map(Language::code).collect(Collectors.joining(",")));
            statement.setBoolean(5, site.enabled());
            statement.setInt(6, site.searchTimeoutSeconds());
            statement.setString(7, site.siteId());
            return statement.executeUpdate();
        }
    }

    public List<StoredSite> all() throws SQLException {
        List<StoredSite> sites = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(CatalogueSiteTable.SELECT_ALL);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sites.add(new StoredSite(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                        List.of(rows.getString(5).split(",")), rows.getBoolean(6), rows.getInt(7)));
            }
        }
        return sites;
    }
}
