package org.catalogarr.core.health;

import java.util.List;
import java.util.Map;

/**
 * What {@code /health} answers.
 *
 * @param status {@code ok}; {@code degraded} when a site's or another configuration's settings were refused,
 *        no site is enabled, or an enabled site cannot be reached or is blocked; {@code down} when the
 *        database does not answer
 * @param settingsProblems why the last change of a configuration was refused, by PID; its previous
 *        settings stay in force
 * @param problems every reason the status is not {@code ok}, in plain sentences
 */
public record HealthReport(String status, String version, long uptimeSeconds, Database database,
        List<Catalogue> catalogues, DownloadClient downloadClient, Map<String, List<String>> settingsProblems,
        List<String> problems) {

    public record Database(String status, int schemaVersion, String location, String detail) {
    }

    /**
     * A catalogue site.
     *
     * @param problems why its newest settings are not (all) in force
     * @param state {@code ok}, {@code failing}, {@code blocked}, {@code disabled} or {@code invalid}
     * @param reachability why an enabled site cannot be used now: unreachable, blocked after a challenge, no index
     */
    public record Catalogue(String id, String name, boolean enabled, Integer priority, String baseUrl,
            Integer searchTimeoutSeconds, List<String> defaultLanguages, List<String> problems, Index index,
            String state, List<String> reachability) {
    }

    /**
     * Who may use the qBittorrent API.
     *
     * @param authentication {@code password} or {@code loopback_only}
     * @param warning what an operator should know about it, or null
     */
    public record DownloadClient(String authentication, String warning) {
    }

    /** The site's title index: how many titles are stored, when they were fetched, why the last fetch failed. */
    public record Index(int titles, String refreshedAt, String lastError) {
    }
}
