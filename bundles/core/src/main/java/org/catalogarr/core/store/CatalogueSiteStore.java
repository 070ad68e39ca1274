package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    private final Database database;

    @Activate
    public CatalogueSiteStore(@Reference Database database) {
        this.database = database;
    }

    /** @throws IllegalArgumentException when a setting is longer than its column */
    public void save(CatalogueSite site) {
        Columns.require(site.siteId(), Columns.SITE_ID, "The site id");
        Columns.require(site.displayName(), Columns.SITE_NAME, "The display name");
        Columns.require(site.baseUrl().toString(), Columns.SITE_BASE_URL, "The base URL");
        database.inTransaction("The settings of catalogue site '" + site.siteId() + "' could not be stored",
                connection -> write(connection, CatalogueSiteTable.UPDATE, site) == 0
                        ? write(connection, CatalogueSiteTable.INSERT, site) : 1);
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
}
