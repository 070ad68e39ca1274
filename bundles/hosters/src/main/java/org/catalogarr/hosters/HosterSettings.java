package org.catalogarr.hosters;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.catalogarr.settings.SettingsRules;

/**
 * What a hoster's configuration is: its PID, its {@code @interface}, the rules its values must keep, and
 * where the settings every hoster has (user agent, timeout) are in it. Annotations cannot share attributes,
 * so each hoster names its own two.
 */
record HosterSettings<C>(String pid, Class<C> type, SettingsRules rules, Function<C, String> userAgent,
        ToIntFunction<C> timeoutSeconds) {

    /** Long enough for a slow hoster, short enough that a stuck one frees its download slot. */
    static final int MAX_TIMEOUT_SECONDS = 600;

    /** The rules of the settings every hoster has; a hoster adds those of its own settings. */
    static SettingsRules browserRules() {
        return SettingsRules.none()
                .check("user_agent", agent -> !agent.toString().isBlank(), "must not be empty")
                .range("timeout_seconds", 1, MAX_TIMEOUT_SECONDS);
    }
}
