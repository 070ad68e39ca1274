package org.catalogarr.core.store;

/**
 * @param state {@code up} when a query just succeeded, {@code opening} while the database is still being opened
 *        and migrated at the start, {@code down} when it failed
 * @param schemaVersion the schema version the database reports (or had when it last answered; 0 while opening)
 * @param location the database folder
 * @param detail "ok", "opening", or the error that made the check fail
 */
public record DatabaseStatus(String state, int schemaVersion, String location, String detail) {

    public static DatabaseStatus up(int schemaVersion, String location) {
        return new DatabaseStatus("up", schemaVersion, location, "ok");
    }

    public static DatabaseStatus opening(String location) {
        return new DatabaseStatus("opening", 0, location, "opening");
    }

    public static DatabaseStatus down(int schemaVersion, String location, String detail) {
        return new DatabaseStatus("down", schemaVersion, location, detail);
    }

    public boolean up() {
        return "up".equals(state);
    }

    /** Down is an outage; opening is part of the start. */
    public boolean down() {
        return "down".equals(state);
    }
}
