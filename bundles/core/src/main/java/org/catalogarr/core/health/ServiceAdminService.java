package org.catalogarr.core.health;

import java.util.List;
import java.util.Map;

import org.catalogarr.core.admin.LogLine;
import org.catalogarr.core.admin.ServiceAdmin;
import org.catalogarr.core.admin.ServiceStatus;
import org.catalogarr.core.logging.RecentLog;
import org.catalogarr.core.qbit.QbitApiServlet;
import org.catalogarr.core.qbit.QbitSettings;
import org.catalogarr.core.torznab.TorznabServlet;
import org.catalogarr.core.torznab.TorznabSettings;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * What the console's dashboard shows: the values to enter in Sonarr and Prowlarr (read, validated, from
 * the Torznab and qBittorrent configurations, as their servlets read them), the health as {@code /health}
 * reports it, and Catalogarr's recent warnings.
 */
@Component(service = ServiceAdmin.class, configurationPid = {TorznabServlet.PID, QbitApiServlet.PID})
public class ServiceAdminService implements ServiceAdmin {

    private final HealthReporter health;
    private final RecentLog log;
    private final Settings settings;
    private volatile String apiKey;
    private volatile String username;

    @Activate
    public ServiceAdminService(@Reference HealthReporter health, @Reference RecentLog log,
            @Reference Settings settings, Map<String, Object> properties) {
        this.health = health;
        this.log = log;
        this.settings = settings;
        configure(properties);
    }

    /** Both configurations arrive merged; each is read for its own keys. */
    @Modified
    void configure(Map<String, Object> properties) {
        apiKey = TorznabSettings.read(settings, properties).api__key().strip();
        username = QbitSettings.read(settings, properties).username().strip();
    }

    @Override
    public ServiceStatus status() {
        HealthReport report = health.report();
        return new ServiceStatus(report.version(), report.status(), report.problems(), apiKey, username);
    }

    @Override
    public List<LogLine> recentLog(int limit) {
        return log.newest(limit);
    }
}
