package org.catalogarr.core.store;

/**
 * @param up whether a query just succeeded
 * @param schemaVersion the schema version the database reports (or had when it last answered)
 * @param location the database folder
 * @param detail "ok", or the error that made the check fail
 */
public record DatabaseStatus(boolean up, int schemaVersion, String location, String detail) {
}
