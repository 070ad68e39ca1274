package org.catalogarr.core.health;

import java.util.List;
import java.util.Map;

/**
 * What {@code /health} answers.
 *
 * @param status {@code starting} until every site bundle deployed at start has registered; {@code ok};
 *        {@code degraded} when a site's or another configuration's settings were refused, no site is
 *        enabled, an enabled site cannot be reached or is blocked, or a site bundle did not register in time;
 *        {@code down} when the database does not answer
 * @param settingsProblems why the last change of a configuration was refused, by PID; its previous
 *        settings stay in force
 * @param problems every reason the status is not {@code ok}, in plain sentences
 */
public record HealthReport(String status, String version, long uptimeSeconds, Database database,
        List<Catalogue> catalogues, DownloadClient downloadClient, Map<String, List<String>> settingsProblems,
        Startup startup, List<String> problems) {

    public record Database(String status, int schemaVersion, String location, String detail) {
    }

    /**
     * One catalogue site.
     *
     * @param problems why its newest settings are not (all) in force
     * @param movedTo where the site moved, when its {@code base_url} permanently redirects there: the address to
     *        configure instead; null otherwise
     * @param state {@code ok}, {@code failing}, {@code blocked}, {@code disabled} or {@code invalid}
     * @param reachability why an enabled site cannot be used now: unreachable, blocked after a challenge, no index
     */
    public record Catalogue(String id, String name, boolean enabled, Integer priority, String baseUrl,
            Integer searchTimeoutSeconds, List<String> defaultLanguages, List<String> problems, Index index,
            String movedTo, String state, List<String> reachability) {
    }

    /**
     * Who may use the qBittorrent API.
     *
     * @param authentication {@code password} or {@code loopback_only}
     * @param warning what an operator should know about it, or null
     */
    public record DownloadClient(String authentication, String warning) {
    }

    /**
     * How the start went.
     *
     * @param state {@code starting}, {@code done}, or {@code incomplete} when site bundles did not register in time
     * @param waitingFor the site bundles that have not registered yet
     * @param problem why the start is incomplete, or null
     */
    public record Startup(String state, List<String> waitingFor, String problem) {
    }

    /** The site's title index: how many titles are stored, when they were fetched, why the last fetch failed. */
    public record Index(int titles, String refreshedAt, String lastError) {
    }
}
