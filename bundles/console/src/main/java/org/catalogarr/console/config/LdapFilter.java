package org.catalogarr.console.config;

/** Service and configuration filters with values escaped, so a PID can never change the filter's meaning. */
final class LdapFilter {

    private LdapFilter() {
    }

    /** {@code (key=value)} with the value's special characters escaped. */
    static String equal(String key, String value) {
        return "(" + key + "=" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*")
                + ")";
    }
}
