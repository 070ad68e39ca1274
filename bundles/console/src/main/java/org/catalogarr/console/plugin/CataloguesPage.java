package org.catalogarr.console.plugin;

import java.util.List;

import org.catalogarr.core.admin.CatalogueRow;

/** The table of catalogues with their toggles. */
final class CataloguesPage {

    static final String SITE_FIELD = "site";

    private CataloguesPage() {
    }

    static String render(List<CatalogueRow> catalogues, String target, String token) {
        Html html = new Html().raw("<p class=\"statline\">").text(catalogues.size() + " catalogues; enabled ones are"
                + " searched in this order. Changes apply at once and are written to the sites' configuration files.")
                .raw("</p>");
        html.tableHead("Id", "Name", "Enabled", "Priority", "Base URL", "Index titles", "Index refreshed", "Problems",
                "Actions");
        for (CatalogueRow row : catalogues) {
            html.raw("<tr>").cell(row.id()).cell(row.name()).cell(row.enabled() ? "yes" : "no")
                    .cell(row.priority().isPresent() ? String.valueOf(row.priority().getAsInt()) : "-")
                    .cell(row.baseUrl().orElse("-")).cell(row.indexTitles())
                    .cell(row.indexRefreshedAt().map(Object::toString).orElse("never"))
                    .cell(String.join("; ", row.problems())).raw("<td>");
            if (row.enabled()) {
                html.actionButton(target, token, SITE_FIELD, row.id(), "up", "Up")
                        .actionButton(target, token, SITE_FIELD, row.id(), "down", "Down")
                        .actionButton(target, token, SITE_FIELD, row.id(), "disable", "Disable");
            } else {
                html.actionButton(target, token, SITE_FIELD, row.id(), "enable", "Enable");
            }
            html.raw("</td></tr>");
        }
        return html.raw("</tbody></table>").toString();
    }
}
