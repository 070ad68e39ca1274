package org.catalogarr.console.plugin;

import org.owasp.encoder.Encode;

/**
 * Builds a plugin's page content. Every value goes through the OWASP encoder: site and job names come
 * from scraped pages and must never become markup.
 */
final class Html {

    private final StringBuilder html = new StringBuilder();

    /** Markup written as it is; never pass values here. */
    Html raw(String markup) {
        html.append(markup);
        return this;
    }

    Html text(Object value) {
        html.append(Encode.forHtml(String.valueOf(value)));
        return this;
    }

    Html cell(Object value) {
        return raw("<td>").text(value).raw("</td>");
    }

    /** A header row of a {@code nicetable}, the console's table style. */
    Html tableHead(String... columns) {
        raw("<table class=\"nicetable\"><thead><tr>");
        for (String column : columns) {
            raw("<th>").text(column).raw("</th>");
        }
        return raw("</tr></thead><tbody>");
    }

    /**
     * A one-button POST form for an action on one item: the request names the action, the item and the
     * form token.
     */
    Html actionButton(String target, String token, String itemField, String item, String action, String label) {
        return raw("<form method=\"post\" style=\"display:inline\" action=\"").raw(Encode.forHtmlAttribute(target))
                .raw("\"><input type=\"hidden\" name=\"").raw(FormToken.FIELD).raw("\" value=\"")
                .raw(Encode.forHtmlAttribute(token)).raw("\"><input type=\"hidden\" name=\"").raw(itemField)
                .raw("\" value=\"").raw(Encode.forHtmlAttribute(item))
                .raw("\"><button type=\"submit\" class=\"ui-state-default ui-corner-all\" name=\"action\" value=\"")
                .raw(Encode.forHtmlAttribute(action)).raw("\">").text(label).raw("</button></form> ");
    }

    @Override
    public String toString() {
        return html.toString();
    }
}
