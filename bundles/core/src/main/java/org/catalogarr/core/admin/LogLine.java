package org.catalogarr.core.admin;

import java.time.Instant;

/**
 * A warning or error Catalogarr logged.
 *
 * @param at when
 * @param level {@code WARN} or {@code ERROR}
 * @param logger the logger's short name (its class)
 * @param message the message, with the exception's own message when there was one
 */
public record LogLine(Instant at, String level, String logger, String message) {
}
