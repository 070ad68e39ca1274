package org.catalogarr.core.admin;

import java.util.List;

/**
 * A configuration's settings, in the order its metatype lists them.
 *
 * @param pid the configuration's PID
 * @param fields every setting with its current value
 */
public record SettingsForm(String pid, List<SettingsField> fields) {

    public SettingsForm {
        fields = List.copyOf(fields);
    }
}
