package org.catalogarr.testkit;

/** How a fake site's home page, which holds its "Neue Episoden" listing, fails; the other pages stay normal. */
public enum ListingFailure {
    /** The home page answers normally. */
    NONE,
    /** The home page answers 500. */
    SERVER_ERROR,
    /** The home page comes in a redesign without the listing's markup. */
    LAYOUT_CHANGED
}
