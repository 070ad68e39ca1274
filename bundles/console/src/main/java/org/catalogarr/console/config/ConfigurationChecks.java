package org.catalogarr.console.config;

import java.util.List;
import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Why a configuration change would be refused by the component that reads it, asked before the change is
 * stored. Configurations read through {@link Settings} are checked by their own rules.
 */
@Component(service = ConfigurationChecks.class)
public class ConfigurationChecks {

    private final Settings settings;

    @Activate
    public ConfigurationChecks(@Reference Settings settings) {
        this.settings = settings;
    }

    /** The reasons, each naming its setting first; empty when the change would be accepted or has no known rules. */
    public List<String> problems(String pid, Map<String, ?> properties) {
        return settings.check(pid, properties).orElse(List.of());
    }
}
