package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.Test;

public class ColumnsTest {

    private static int size(Database database, String table, String column) {
        return database.withConnection("metadata", connection -> {
            try (ResultSet columns = connection.getMetaData().getColumns(null, null, table.toUpperCase(),
                    column.toUpperCase())) {
                assertTrue(table + "." + column + " exists", columns.next());
                return columns.getInt("COLUMN_SIZE");
            }
        });
    }

    @Test
    public void theLimitsAreTheColumnSizesOfTheMigratedSchema() throws SQLException {
        Database database = TestDatabases.inMemory();
        try {
            Map<String, Integer> limits = Map.ofEntries(Map.entry("download_job.name", Columns.JOB_NAME),
                    Map.entry("download_job.source_site", Columns.JOB_SITE),
                    Map.entry("download_job.slug", Columns.JOB_SLUG),
                    Map.entry("download_job.message", Columns.JOB_MESSAGE),
                    Map.entry("download_job.category", Columns.JOB_CATEGORY),
                    Map.entry("download_job.tags", Columns.JOB_TAGS),
                    Map.entry("download_job.save_path", Columns.JOB_SAVE_PATH),
                    Map.entry("download_job.result_path", Columns.JOB_RESULT_PATH),
                    Map.entry("download_category.name", Columns.CATEGORY_NAME),
                    Map.entry("download_category.save_path", Columns.CATEGORY_SAVE_PATH),
                    Map.entry("download_tag.name", Columns.TAG_NAME),
                    Map.entry("title_mapping.site_id", Columns.SITE_ID),
                    Map.entry("catalogue_site.site_id", Columns.SITE_ID),
                    Map.entry("catalogue_site.display_name", Columns.SITE_NAME),
                    Map.entry("catalogue_site.base_url", Columns.SITE_BASE_URL),
                    Map.entry("title_mapping.slug", Columns.SLUG),
                    Map.entry("availability_record.slug", Columns.SLUG));
            limits.forEach((column, limit) -> {
                String[] parts = column.split("\\.");
                assertEquals(column, (int) limit, size(database, parts[0], parts[1]));
            });
        } finally {
            TestDatabases.close(database);
        }
    }

    @Test
    public void cutKeepsTheStartAndMarksTheCut() {
        assertEquals("short", Columns.cut("short", 10));
        assertEquals("0123456789", Columns.cut("0123456789", 10));
        assertEquals("012345" + Columns.CUT_MARK, Columns.cut("0123456789ab", 10));
        // A surrogate pair is never split in half.
        String emoji = "abcde\uD83D\uDE00xyzw";
        String cut = Columns.cut(emoji, 10);
        assertTrue(cut.length() <= 10);
        assertEquals("abcde" + Columns.CUT_MARK, cut);
    }
}
