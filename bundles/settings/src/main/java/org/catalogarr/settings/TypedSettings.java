package org.catalogarr.settings;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads raw configuration properties into a configuration {@code @interface}, strictly: a value that is
 * not of the attribute's type or breaks a rule is a problem with its reason, never an exception at the
 * first call of the attribute (which is what Declarative Services does, failing the component).
 * Attributes without a value take the {@code @interface}'s default, or without one the type's empty
 * value (0, false, empty text), as Declarative Services would give.
 */
public final class TypedSettings {

    /** The values read, and every problem found; the values are only usable without problems. */
    public record Reading<T>(T values, List<String> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    private TypedSettings() {
    }

    public static <T> Reading<T> read(Class<T> type, SettingsRules rules, Map<String, ?> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Method attribute : type.getDeclaredMethods()) {
            if (attribute.getParameterCount() != 0 || attribute.isSynthetic()) {
                continue;
            }
            String key = propertyName(attribute.getName());
            Object raw = properties.get(key);
            Object value = attribute.getDefaultValue() != null ? attribute.getDefaultValue()
                    : empty(attribute.getReturnType());
            if (raw != null) {
                try {
                    value = convert(raw, attribute.getReturnType());
                } catch (IllegalArgumentException e) {
                    problems.add(key + " " + e.getMessage() + ", was '" + text(raw) + "'");
                    continue;
                }
            }
            rules.problem(key, value).ifPresent(reason -> problems.add(key + " " + reason));
            values.put(attribute.getName(), value);
        }
        return new Reading<>(proxy(type, values), problems);
    }

    /** The property name of an attribute method, by the OSGi rules ({@code session__timeout} → {@code session_timeout}). */
    static String propertyName(String method) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (method.startsWith("$_$", i)) {
                name.append('-');
                i += 2;
            } else if (method.startsWith("$$", i)) {
                name.append('$');
                i++;
            } else if (method.startsWith("__", i)) {
                name.append('_');
                i++;
            } else if (c == '_') {
                name.append('.');
            } else if (c != '$') {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Object empty(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == String[].class) {
            return new String[0];
        }
        return type == String.class ? "" : null;
    }

    private static Object convert(Object raw, Class<?> target) {
        if (target == String.class) {
            return text(raw);
        }
        if (target == String[].class) {
            return items(raw).toArray(String[]::new);
        }
        if (target == boolean.class) {
            if (raw instanceof Boolean b) {
                return b;
            }
            String text = text(raw).strip();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("must be true or false");
        }
        if (target == int.class || target == long.class) {
            long number = whole(raw);
            if (target == int.class && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("is too large");
            }
            return target == int.class ? (Object) (int) number : (Object) number;
        }
        if (target == double.class) {
            try {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text(raw).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number");
            }
        }
        if (target.isEnum()) {
            String name = text(raw).strip();
            for (Object constant : target.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(name)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + List.of(target.getEnumConstants()));
        }
        throw new IllegalStateException("Configuration attributes of type " + target + " are not supported");
    }

    private static long whole(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        try {
            return Long.parseLong(text(raw).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    /** A list is given as an array by the console and as comma-separated text in a file. */
    private static List<String> items(Object raw) {
        List<String> items = new ArrayList<>();
        if (raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                items.add(String.valueOf(Array.get(raw, i)).strip());
            }
        } else if (raw instanceof Collection<?> collection) {
            collection.forEach(item -> items.add(String.valueOf(item).strip()));
        } else {
            for (String item : raw.toString().split(",")) {
                items.add(item.strip());
            }
        }
        items.removeIf(String::isEmpty);
        return items;
    }

    private static String text(Object raw) {
        if (raw.getClass().isArray() || raw instanceof Collection) {
            return String.join(",", items(raw));
        }
        return raw.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        Map<String, Object> copy = Map.copyOf(values);
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "annotationType" -> type;
            case "toString" -> type.getSimpleName() + redacted(copy);
            case "hashCode" -> copy.hashCode();
            case "equals" -> proxy == args[0];
            default -> {
                Object value = copy.get(method.getName());
                yield value instanceof String[] array ? array.clone() : value;
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** Values for a log line, without anything that looks like a secret. */
    private static Map<String, Object> redacted(Map<String, Object> values) {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((name, value) -> shown.put(name, name.contains("password") || name.contains("key") ? "***"
                : value instanceof String[] array ? List.of(array) : value));
        return shown;
    }
}
