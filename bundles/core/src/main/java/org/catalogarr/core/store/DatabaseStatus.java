package org.catalogarr.core.store;

import java.util.Locale;

/**
 * @param state whether the database answers, is still being opened, or failed
 * @param schemaVersion the schema version the database reports (or had when it last answered; 0 while opening)
 * @param location the database folder
 * @param detail "ok", "opening", or the error that made the check fail
 */
public record DatabaseStatus(State state, int schemaVersion, String location, String detail) {

    public enum State {
        /** A query just succeeded. */
        UP,
        /** Being opened and migrated at the start. */
        OPENING,
        /** Opening or the last query failed: an outage. */
        DOWN;

        /** As {@code /health} shows it: {@code up}, {@code opening}, {@code down}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static DatabaseStatus up(int schemaVersion, String location) {
        return new DatabaseStatus(State.UP, schemaVersion, location, "ok");
    }

    public static DatabaseStatus opening(String location) {
        return new DatabaseStatus(State.OPENING, 0, location, "opening");
    }

    public static DatabaseStatus down(int schemaVersion, String location, String detail) {
        return new DatabaseStatus(State.DOWN, schemaVersion, location, detail);
    }

    public boolean up() {
        return state == State.UP;
    }

    /** Down is an outage; opening is part of the start. */
    public boolean down() {
        return state == State.DOWN;
    }

    public boolean opening() {
        return state == State.OPENING;
    }
}
