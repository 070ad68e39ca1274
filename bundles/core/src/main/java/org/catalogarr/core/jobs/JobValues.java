package org.catalogarr.core.jobs;

import java.util.List;
import java.util.regex.Pattern;

import org.catalogarr.core.store.Columns;
import org.catalogarr.core.torrent.MagnetInfo;

/**
 * What a job may be given from outside, checked before it reaches the database: every value fits its
 * column, and category names follow qBittorrent's rules. The reasons are short and never quote a whole
 * over-long value.
 */
final class JobValues {

    /** Control characters have no place in a name that becomes a folder and is shown in Sonarr. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private JobValues() {
    }

    /** @throws JobException BAD_VALUE when the magnet's name, site or slug is longer than kept */
    static void episode(MagnetInfo episode) throws JobException {
        fits(episode.title(), Columns.JOB_NAME, "The release name");
        fits(episode.siteId(), Columns.JOB_SITE, "The site id");
        fits(episode.slug(), Columns.JOB_SLUG, "The slug");
    }

    /** @throws JobException BAD_VALUE when a tag, or the tags joined with commas, are longer than kept */
    static void tags(List<String> tags) throws JobException {
        for (String tag : tags) {
            tag(tag);
        }
        fits(String.join(",", tags), Columns.JOB_TAGS, "The tags");
    }

    /** @throws JobException BAD_VALUE when the tag is longer than kept */
    static void tag(String tag) throws JobException {
        fits(tag, Columns.TAG_NAME, "A tag");
    }

    /** @throws JobException BAD_VALUE when the save path is longer than kept */
    static void savePath(String path) throws JobException {
        fits(path, Columns.JOB_SAVE_PATH, "The save path");
    }

    /**
     * A name qBittorrent would take for a category: not empty, not longer than kept, no control
     * characters, no leading or trailing {@code /} and no empty level ({@code //}).
     *
     * @throws JobException BAD_CATEGORY naming what is wrong
     */
    static String categoryName(String name) throws JobException {
        if (name == null || name.isBlank()) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Category name cannot be empty");
        }
        if (name.length() > Columns.CATEGORY_NAME) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Incorrect category name: " + name.length()
                    + " characters, at most " + Columns.CATEGORY_NAME + " are allowed");
        }
        if (CONTROL.matcher(name).find() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw new JobException(JobException.Reason.BAD_CATEGORY,
                    "Incorrect category name: no control characters, no '/' at either end and no '//'");
        }
        return name;
    }

    /** A value as an error message quotes it: in quotes, and cut, so that a huge value is not echoed back. */
    static String quoted(String value) {
        return "'" + Columns.cut(value, 100) + "'";
    }

    private static void fits(String value, int max, String what) throws JobException {
        if (!Columns.fits(value, max)) {
            throw new JobException(JobException.Reason.BAD_VALUE, what + " is " + value.length()
                    + " characters long; at most " + max + " are kept");
        }
    }
}
