package org.catalogarr.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in force of every Catalogarr configuration, kept the way the catalogue sites keep
 * theirs: a change with a bad value is refused as a whole and logged with every reason, and the
 * previous settings stay in force (the defaults, when no valid settings were ever given). The problems
 * are kept per configuration for {@code /health} until a valid change replaces them.
 *
 * <p>Components read their configuration through {@link #apply} from the raw properties instead of
 * letting Declarative Services convert them: a value DS cannot convert fails the component's
 * activation, which takes the whole function away until a restart. The last good settings are kept
 * here rather than in the component, so they survive the component's reactivation.
 */
@Component(service = Settings.class)
public class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    /**
     * By the type's name, not the class: a bundle updated in place (a hoster jar replaced in deploy/) brings
     * a new class of the same name, whose settings replace those of the old one instead of keeping its
     * class loader alive.
     */
    private record Holder(String pid, String type) {
    }

    private final Map<Holder, Object> inForce = new ConcurrentHashMap<>();
    private final Map<String, List<String>> problems = new ConcurrentHashMap<>();
    /** How each configuration is read, by PID and then type name, so that a change can be checked before it is made. */
    private final Map<String, Map<String, Check<?>>> checks = new ConcurrentHashMap<>();

    private record Check<T>(Class<T> type, SettingsRules rules) {
        List<String> problems(Map<String, ?> properties) {
            return TypedSettings.read(type, rules, properties).problems();
        }
    }

    /**
     * Validates the properties of configuration {@code pid} and returns the settings in force after
     * it: these properties when they are valid, else the last valid ones, else the defaults.
     */
    public <T> T apply(String pid, Class<T> type, SettingsRules rules, Map<String, ?> properties) {
        TypedSettings.Reading<T> reading = TypedSettings.read(type, rules, properties);
        checks.computeIfAbsent(pid, key -> new ConcurrentHashMap<>()).put(type.getName(), new Check<>(type, rules));
        Holder holder = new Holder(pid, type.getName());
        if (reading.problems().isEmpty()) {
            inForce.put(holder, reading.values());
            if (problems.remove(pid) != null) {
                LOG.info("Configuration {} accepted; its earlier problems are gone", pid);
            }
            return reading.values();
        }
        List<String> before = problems.put(pid, reading.problems());
        Object kept = inForce.get(holder);
        Object previous = type.isInstance(kept) ? kept : null;
        // Several components may read one configuration; the refusal is logged once.
        if (!reading.problems().equals(before)) {
            LOG.error("Refused the configuration {}: {}. {}", pid, String.join("; ", reading.problems()),
                    previous != null ? "The previous settings stay in force." : "The defaults are used until it is fixed.");
        }
        if (previous != null) {
            return type.cast(previous);
        }
        T defaults = TypedSettings.read(type, SettingsRules.none(), Map.of()).values();
        inForce.put(holder, defaults);
        return defaults;
    }

    /**
     * Why these properties would be refused as configuration {@code pid}, by the rules of every component that
     * has read that configuration, without applying them: each reason begins with the name of its setting.
     * Lets an editor refuse a change before it is written. Empty when no component has read {@code pid} yet, so
     * its rules are unknown.
     */
    public Optional<List<String>> check(String pid, Map<String, ?> properties) {
        Map<String, Check<?>> readers = checks.get(pid);
        if (readers == null || readers.isEmpty()) {
            return Optional.empty();
        }
        Set<String> found = new LinkedHashSet<>();
        readers.values().forEach(check -> found.addAll(check.problems(properties)));
        return Optional.of(new ArrayList<>(found));
    }

    /** The problems of every configuration whose last change was refused, by PID. */
    public Map<String, List<String>> problems() {
        return new TreeMap<>(problems);
    }
}
