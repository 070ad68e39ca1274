package org.catalogarr.settings;

import java.util.List;
import java.util.Map;
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

    /**
     * Validates the properties of configuration {@code pid} and returns the settings in force after
     * it: these properties when they are valid, else the last valid ones, else the defaults.
     */
    public <T> T apply(String pid, Class<T> type, SettingsRules rules, Map<String, ?> properties) {
        TypedSettings.Reading<T> reading = TypedSettings.read(type, rules, properties);
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

    /** The problems of every configuration whose last change was refused, by PID. */
    public Map<String, List<String>> problems() {
        return new TreeMap<>(problems);
    }
}
