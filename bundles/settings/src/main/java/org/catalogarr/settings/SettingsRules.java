package org.catalogarr.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a configuration's values must satisfy beyond their type: ranges of numbers and checks of text.
 * The type of each value comes from its configuration {@code @interface}; metatype's own {@code min} and
 * {@code max} are not visible at runtime, so the ranges are stated here once more.
 */
public final class SettingsRules {

    /** One value's check: empty when the value is fine, else why not. */
    @FunctionalInterface
    interface Rule {
        Optional<String> problem(Object value);
    }

    private final Map<String, Rule> rules;

    private SettingsRules(Map<String, Rule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static SettingsRules none() {
        return new SettingsRules(Map.of());
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public SettingsRules range(String key, long min, long max) {
        return with(key, value -> {
            long number = ((Number) value).longValue();
            return number < min || number > max ? Optional.of("must be between " + min + " and " + max + ", was " + number)
                    : Optional.empty();
        });
    }

    /** A text that is one of the choices, case ignored. */
    public SettingsRules oneOf(String key, String... choices) {
        List<String> allowed = List.of(choices);
        return with(key, value -> allowed.contains(value.toString().strip().toLowerCase(Locale.ROOT)) ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", allowed) + ", was '" + value + "'"));
    }

    /** Any other condition; {@code requirement} completes "key …", e.g. "must not be empty". */
    public SettingsRules check(String key, Predicate<Object> valid, String requirement) {
        return with(key, value -> valid.test(value) ? Optional.empty()
                : Optional.of(requirement + ", was '" + value + "'"));
    }

    private SettingsRules with(String key, Rule rule) {
        Map<String, Rule> more = new HashMap<>(rules);
        Rule before = more.get(key);
        more.put(key, before == null ? rule : value -> before.problem(value).or(() -> rule.problem(value)));
        return new SettingsRules(more);
    }

    Optional<String> problem(String key, Object value) {
        Rule rule = rules.get(key);
        return rule == null ? Optional.empty() : rule.problem(value);
    }
}
