package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.core.admin.SettingsField;
import org.catalogarr.core.admin.SettingsForm;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A site's settings as a form: which settings there are, their labels and descriptions come from the
 * site bundle's metatype, so a third site's form needs no code here; the values from its configuration.
 */
final class SiteSettingsForms {

    private SiteSettingsForms() {
    }

    /** The metatype of the configuration {@code pid} of {@code origin}'s bundle, in its order. */
    static List<AttributeDefinition> attributes(MetaTypeService metatype, SiteConfigurations.Origin origin) {
        MetaTypeInformation information = metatype.getMetaTypeInformation(origin.bundle());
        if (information == null) {
            return List.of();
        }
        ObjectClassDefinition definition;
        try {
            definition = information.getObjectClassDefinition(origin.pid(), null);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        AttributeDefinition[] attributes = definition == null ? null
                : definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return attributes == null ? List.of() : Arrays.asList(attributes);
    }

    static SettingsForm form(String pid, List<AttributeDefinition> attributes, Map<String, Object> stored) {
        List<SettingsField> fields = new ArrayList<>();
        for (AttributeDefinition attribute : attributes) {
            String type = type(attribute);
            String[] defaults = attribute.getDefaultValue();
            Object defaultValue = defaults == null || defaults.length == 0 ? null : typed(type, defaults[0]);
            Object value = stored.containsKey(attribute.getID()) ? typed(type, text(stored.get(attribute.getID())))
                    : defaultValue;
            Optional<List<String>> options = "option".equals(type)
                    ? Optional.of(List.of(attribute.getOptionValues())) : Optional.empty();
            fields.add(new SettingsField(attribute.getID(), attribute.getName(),
                    attribute.getDescription() == null ? "" : attribute.getDescription(), type, options, value,
                    defaultValue));
        }
        return new SettingsForm(pid, fields);
    }

    /**
     * The submitted values as the text a configuration file holds, each checked to be a single value
     * of a setting the form has; what is wrong is put into {@code problems} by setting.
     */
    static Map<String, String> asText(List<AttributeDefinition> attributes, Map<String, Object> values,
            Map<String, String> problems) {
        Map<String, AttributeDefinition> known = new LinkedHashMap<>();
        attributes.forEach(attribute -> known.put(attribute.getID(), attribute));
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            AttributeDefinition attribute = known.get(name);
            if (attribute == null) {
                problems.put(name, "there is no such setting");
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                String written = value.toString();
                if ("option".equals(type(attribute)) && !List.of(attribute.getOptionValues()).contains(written)) {
                    problems.put(name, "must be one of " + String.join(", ", attribute.getOptionValues()) + ", was '"
                            + written + "'");
                } else {
                    text.put(name, written);
                }
            } else {
                problems.put(name, "must be a single text, number or true/false");
            }
        });
        return text;
    }

    /**
     * Sorts the site's reasons by the setting each begins with; a reason naming none goes to
     * {@code unplaced}.
     */
    static void place(List<String> reasons, List<AttributeDefinition> attributes, Map<String, String> problems,
            List<String> unplaced) {
        for (String reason : reasons) {
            Optional<String> field = attributes.stream().map(AttributeDefinition::getID)
                    .filter(id -> reason.startsWith(id + " ")).max((a, b) -> Integer.compare(a.length(), b.length()));
            if (field.isPresent()) {
                problems.merge(field.get(), reason.substring(field.get().length() + 1), (a, b) -> a + "; " + b);
            } else {
                unplaced.add(reason);
            }
        }
    }

    private static String type(AttributeDefinition attribute) {
        if (attribute.getOptionValues() != null && attribute.getOptionValues().length > 0) {
            return "option";
        }
        return switch (attribute.getType()) {
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT,
                    AttributeDefinition.BYTE -> "int";
            default -> "string";
        };
    }

    /** A number or flag as such when it reads as one; anything else as the text it is, so a bad value shows. */
    private static Object typed(String type, String text) {
        String value = text.strip();
        if ("int".equals(type)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if ("boolean".equals(type) && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        return text;
    }

    private static String text(Object value) {
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        return String.valueOf(value);
    }
}
