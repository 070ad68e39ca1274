package org.catalogarr.core.store;

/**
 * The sizes of the text columns that take values from outside (clients, sites, failures), as the
 * migrations create them. Callers refuse longer names with a reason before they reach SQL; the stores
 * check again, so that no write ever fails on a length, and cut what may be cut (messages).
 * {@code ColumnsTest} compares these numbers with the migrated schema.
 */
public final class Columns {

    public static final int JOB_NAME = 1000;
    public static final int JOB_SITE = 32;
    public static final int JOB_SLUG = 300;
    public static final int JOB_MESSAGE = 2000;
    public static final int JOB_CATEGORY = 200;
    /** All tags of a job, joined with commas. */
    public static final int JOB_TAGS = 2000;
    public static final int JOB_SAVE_PATH = 4000;
    public static final int JOB_RESULT_PATH = 4000;
    public static final int CATEGORY_NAME = 200;
    public static final int CATEGORY_SAVE_PATH = 4000;
    /** One tag; a job's tags together are bounded by {@link #JOB_TAGS}. */
    public static final int TAG_NAME = 200;
    public static final int SITE_ID = 32;
    public static final int SITE_NAME = 200;
    public static final int SITE_BASE_URL = 2000;
    public static final int SLUG = 300;

    /** What marks a cut value; it counts towards the limit. */
    static final String CUT_MARK = " […]";

    private Columns() {
    }

    /** The text, or its start with a mark of the cut so that it fits {@code max} characters. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - CUT_MARK.length();
        // Never split a surrogate pair: half a character is not valid text.
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + CUT_MARK;
    }

    /** Whether the value fits a column of {@code max} characters. */
    public static boolean fits(String value, int max) {
        return value == null || value.length() <= max;
    }

    /**
     * Refuses a value that does not fit: the last check before SQL, after the callers' own.
     *
     * @throws IllegalArgumentException naming the field and the limit, never quoting the whole value
     */
    static String require(String value, int max, String field) {
        if (!fits(value, max)) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most " + max
                    + " are stored");
        }
        return value;
    }
}
