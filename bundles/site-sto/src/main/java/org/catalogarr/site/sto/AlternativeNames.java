package org.catalogarr.site.sto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.nodes.Element;

/**
 * Where the v2 markup names a series' other titles (English, original): on the index, a comma-separated
 * {@code data-alternative-titles} on the series item or its link; on the series page, the header group
 * ({@code li.series-group}) labelled "Alternative Titel:" (also "Auch bekannt als:", "Originaltitel:").
 * Both are optional: most series have none.
 */
final class AlternativeNames {

    static final String ATTRIBUTE = "data-alternative-titles";
    private static final List<String> LABELS = List.of("alternative titel", "auch bekannt als", "originaltitel");

    private AlternativeNames() {
    }

    /** The names in an index item's attribute. */
    static List<String> ofIndexItem(Element item, Element link, String mainTitle) {
        String names = item.hasAttr(ATTRIBUTE) ? item.attr(ATTRIBUTE) : link.attr(ATTRIBUTE);
        return split(names, mainTitle);
    }

    /** The names of the series page's "Alternative Titel:" group. */
    static List<String> ofSeriesPage(Element header, String mainTitle) {
        List<String> names = new ArrayList<>();
        for (Element group : header.select("li.series-group")) {
            Element label = group.selectFirst("strong");
            Optional<String> labelled = label == null ? Optional.empty() : Optional.of(label.text());
            if (labelled.map(AlternativeNames::isAlternativesLabel).orElse(false)) {
                String text = group.text().substring(Math.min(group.text().length(), label.text().length()));
                for (String name : split(text, mainTitle)) {
                    if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                        names.add(name);
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    private static boolean isAlternativesLabel(String label) {
        String normalised = label.strip().toLowerCase(Locale.ROOT).replaceAll("[:\\s]+$", "");
        return LABELS.contains(normalised);
    }

    /** Trimmed, unquoted names, without blanks, repeats and the main title. */
    static List<String> split(String names, String mainTitle) {
        List<String> split = new ArrayList<>();
        for (String part : names.split(",")) {
            String name = part.strip().replaceAll("^[\"'„“”]+|[\"'„“”]+$", "").strip();
            if (!name.isEmpty() && !name.equalsIgnoreCase(mainTitle.strip())
                    && split.stream().noneMatch(name::equalsIgnoreCase)) {
                split.add(name);
            }
        }
        return List.copyOf(split);
    }
}
