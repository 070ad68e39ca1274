package org.catalogarr.core.qbit;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;

/**
 * The validated configuration of the qBittorrent API, read the same way by every component of its PID.
 * A session timeout or ban of zero or less would end every session at once or switch the ban off.
 */
public final class QbitSettings {

    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    static final SettingsRules RULES = SettingsRules.none()
            .check("username", value -> !value.toString().isBlank(), "must not be empty")
            .range("session_timeout", 1, THIRTY_DAYS)
            .range("ban_duration", 1, THIRTY_DAYS);

    private QbitSettings() {
    }

    public static QbitApiServlet.Config read(Settings settings, Map<String, ?> properties) {
        return settings.apply(QbitApiServlet.PID, QbitApiServlet.Config.class, RULES, properties);
    }
}
