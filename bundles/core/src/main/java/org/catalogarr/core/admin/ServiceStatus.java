package org.catalogarr.core.admin;

import java.util.List;

/**
 * What a client needs to be pointed at this service, and how the service is.
 *
 * @param version the service's version
 * @param health {@code ok}, {@code degraded}, {@code starting} or {@code down}, as {@code /health} says
 * @param problems why it is not {@code ok}, in plain sentences
 * @param torznabApiKey the Torznab indexer's API key, empty when none is set
 * @param qbitUsername the user name of the qBittorrent API
 */
public record ServiceStatus(String version, String health, List<String> problems, String torznabApiKey,
        String qbitUsername) {

    public ServiceStatus {
        problems = List.copyOf(problems);
    }
}
