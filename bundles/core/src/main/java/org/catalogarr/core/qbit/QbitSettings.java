package org.catalogarr.core.qbit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;

/**
 * The validated configuration of the qBittorrent API, read the same way by every component of its PID.
 * A session timeout or ban of zero or less would end every session at once or switch the ban off.
 */
public final class QbitSettings {

    private static final long THIRTY_DAYS = 30L * 24 * 3600;
    /** A host name as a Host header carries it, optionally {@code *.} before it; or {@code *} alone. */
    private static final Pattern SERVER_DOMAIN = Pattern.compile(
            "\\*|(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");

    static final SettingsRules RULES = SettingsRules.none()
            .check("username", value -> !value.toString().isBlank(), "must not be empty")
            .range("session_timeout", 1, THIRTY_DAYS)
            .range("ban_duration", 1, THIRTY_DAYS)
            // A URL or a name with a port would never match a Host header: the proxy's requests would be refused.
            .check("server_domains", QbitSettings::serverDomains,
                    "must be host names separated by commas (*.example.com for subdomains, * for any)");

    private QbitSettings() {
    }

    private static boolean serverDomains(Object value) {
        return Arrays.stream(value.toString().split(",")).map(name -> name.strip().toLowerCase(Locale.ROOT))
                .allMatch(name -> name.isEmpty() || SERVER_DOMAIN.matcher(name).matches());
    }

    public static QbitApiServlet.Config read(Settings settings, Map<String, ?> properties) {
        return settings.apply(QbitApiServlet.PID, QbitApiServlet.Config.class, RULES, properties);
    }
}
