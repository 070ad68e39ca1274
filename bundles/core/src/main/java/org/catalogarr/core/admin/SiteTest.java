package org.catalogarr.core.admin;

/**
 * What asking a site now gave.
 *
 * @param ok whether the site answered as expected
 * @param message what happened, in plain words
 * @param latencyMs how long the site took
 * @param titles how many titles its index lists (0 when it failed)
 */
public record SiteTest(boolean ok, String message, long latencyMs, int titles) {
}
