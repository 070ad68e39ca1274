package org.catalogarr.site.sto;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The terms one query is asked as. The suggest API matches literally, so "911" does not find "9-1-1"
 * and "9-1-1" does not find "Reno 911!": the query is also asked without punctuation and, when it is
 * a number of three or more digits, with a dash between the digits.
 */
final class SearchTerms {

    private SearchTerms() {
    }

    static List<String> of(String query) {
        String raw = query.strip().replaceAll("\\s+", " ");
        Set<String> terms = new LinkedHashSet<>();
        terms.add(raw);
        String alphanumeric = raw.replaceAll("[^\\p{L}\\p{N} ]", "").replaceAll("\\s+", " ").strip();
        if (!alphanumeric.isEmpty()) {
            terms.add(alphanumeric);
        }
        if (alphanumeric.matches("\\d{3,}")) {
            terms.add(String.join("-", alphanumeric.split("")));
        }
        return List.copyOf(terms);
    }
}
