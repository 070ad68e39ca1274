package org.catalogarr.core.qbit;

import java.util.Map;
import java.util.Optional;

import org.catalogarr.settings.Settings;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the qBittorrent API, from the same configuration as the API itself, for {@code /health}
 * and the log: with a password everybody who knows it; without one only clients on this machine.
 */
@Component(service = DownloadClientAccess.class, configurationPid = QbitApiServlet.PID)
public class DownloadClientAccess {

    /**
     * @param authentication {@code password} or {@code loopback_only}
     * @param warning what an operator should know about it, if anything
     */
    public record State(String authentication, Optional<String> warning) {
    }

    static final String NO_PASSWORD = "The qBittorrent API (org.catalogarr.qbit) has no password: only clients on this"
            + " machine are served, without login. To let Sonarr on another machine in, set username and password"
            + " and enter them in its download client settings.";

    private static final Logger LOG = LoggerFactory.getLogger(DownloadClientAccess.class);

    @Reference
    private Settings settings;

    private volatile State state;

    @Activate
    @Modified
    void read(Map<String, Object> properties) {
        configure(QbitSettings.read(settings, properties));
    }

    void configure(QbitApiServlet.Config config) {
        boolean loopbackOnly = new Credentials(config.username().strip(), config.password()).loopbackOnly();
        state = loopbackOnly ? new State("loopback_only", Optional.of(NO_PASSWORD))
                : new State("password", Optional.empty());
        state.warning().ifPresent(LOG::warn);
    }

    public State state() {
        return state;
    }
}
