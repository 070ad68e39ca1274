package org.catalogarr.core.admin;

import java.util.List;
import java.util.Optional;

/**
 * One setting of a configuration as its form shows it, described by its metatype.
 *
 * @param name the property name, e.g. {@code search_priority}
 * @param label the metatype name
 * @param description the metatype description, empty text when there is none
 * @param type {@code string}, {@code int}, {@code boolean} or {@code option}
 * @param options the allowed values of an {@code option}, empty otherwise
 * @param value the value in the configuration now (a number for {@code int}, a flag for {@code boolean},
 *        else text), or the default when the configuration has none
 * @param defaultValue the metatype default, typed like {@code value}; null when there is none
 */
public record SettingsField(String name, String label, String description, String type,
        Optional<List<String>> options, Object value, Object defaultValue) {

    public SettingsField {
        options = options.map(List::copyOf);
    }
}
