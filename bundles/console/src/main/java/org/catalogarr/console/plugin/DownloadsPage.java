package org.catalogarr.console.plugin;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.catalogarr.core.admin.DownloadRow;

/** The table of download jobs with their actions. */
final class DownloadsPage {

    static final String HASH_FIELD = "hash";
    static final int REFRESH_SECONDS = 5;

    private static final Set<String> ACTIVE = Set.of("queued", "downloading");

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private DownloadsPage() {
    }

    static String render(List<DownloadRow> downloads, String target, String token) {
        boolean running = downloads.stream().anyMatch(row -> ACTIVE.contains(row.state()));
        Html html = new Html();
        if (running) {
            // Watching a download means seeing it move; an idle page is left alone.
            html.raw("<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">");
        }
        html.raw("<p class=\"statline\">").text(downloads.size() + " downloads, oldest first."
                + (running ? " The page refreshes every " + REFRESH_SECONDS + " s while some run." : "")).raw("</p>");
        html.tableHead("Name", "Site", "Language", "State", "Progress", "Speed", "Size", "Category", "Message",
                "Actions");
        for (DownloadRow row : downloads) {
            html.raw("<tr>").cell(row.name()).cell(row.site()).cell(row.language()).cell(row.state())
                    .cell(String.format(Locale.ROOT, "%.1f %%", row.progress() * 100))
                    .cell(size((long) row.bytesPerSecond()) + "/s")
                    .cell(row.totalBytes().isPresent() ? size(row.totalBytes().getAsLong()) : "?")
                    .cell(row.category()).cell(row.message().orElse("")).raw("<td>");
            if ("paused".equals(row.state())) {
                html.actionButton(target, token, HASH_FIELD, row.hash(), "resume", "Resume");
            } else if (ACTIVE.contains(row.state())) {
                html.actionButton(target, token, HASH_FIELD, row.hash(), "pause", "Pause")
                        .actionButton(target, token, HASH_FIELD, row.hash(), "top", "Top priority");
            }
            html.actionButton(target, token, HASH_FIELD, row.hash(), "delete", "Delete, keep files")
                    .actionButton(target, token, HASH_FIELD, row.hash(), "delete-files", "Delete with files")
                    .raw("</td></tr>");
        }
        return html.raw("</tbody></table>").toString();
    }

    /** Bytes in binary units, one decimal. */
    static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
