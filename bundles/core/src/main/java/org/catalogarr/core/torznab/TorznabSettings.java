package org.catalogarr.core.torznab;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;

/** The validated configuration of the Torznab indexer, read the same way by both of its servlets. */
public final class TorznabSettings {

    static final SettingsRules RULES = SettingsRules.none()
            .oneOf("enclosure", Enclosure.MAGNET.value(), Enclosure.TORRENT.value());

    private TorznabSettings() {
    }

    public static TorznabServlet.Config read(Settings settings, Map<String, ?> properties) {
        return settings.apply(TorznabServlet.PID, TorznabServlet.Config.class, RULES, properties);
    }
}
