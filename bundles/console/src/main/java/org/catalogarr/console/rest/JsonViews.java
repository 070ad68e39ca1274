package org.catalogarr.console.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.core.admin.CatalogueRow;
import org.catalogarr.core.admin.DownloadRow;
import org.catalogarr.core.admin.LogLine;
import org.catalogarr.core.admin.SettingsField;
import org.catalogarr.core.admin.SettingsForm;
import org.catalogarr.core.admin.SiteTest;

/**
 * The admin API's JSON objects, built from the core's rows with the names of the API's contract (see the
 * README). Maps keep the documented order and write absent values as {@code null}.
 */
final class JsonViews {

    private JsonViews() {
    }

    static Map<String, Object> catalogue(CatalogueRow row, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id());
        json.put("name", row.name());
        json.put("enabled", row.enabled());
        json.put("priority", row.priority().isPresent() ? row.priority().getAsInt() : null);
        json.put("state", row.state());
        json.put("baseUrl", row.baseUrl().orElse(null));
        json.put("lastSearchAt", iso(row.lastSearchAt().orElse(null)));
        json.put("lastLatencyMs", row.lastLatencyMs().isPresent() ? row.lastLatencyMs().getAsLong() : null);
        json.put("lastError", row.lastError().orElse(null));
        json.put("blockedUntil", iso(row.blockedUntil().orElse(null)));
        json.put("indexAgeSeconds", row.indexRefreshedAt()
                .map(at -> Math.max(0, Duration.between(at, now).toSeconds())).orElse(null));
        json.put("indexTitles", row.indexRefreshedAt().isPresent() || row.indexTitles() > 0 ? row.indexTitles() : null);
        json.put("problems", row.problems());
        return json;
    }

    static Map<String, Object> job(DownloadRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hash", row.hash());
        json.put("name", row.name());
        json.put("site", row.site());
        json.put("language", row.language());
        json.put("category", row.category());
        json.put("state", row.state());
        json.put("progress", row.progress());
        json.put("size", row.totalBytes().orElse(0));
        json.put("downloaded", row.downloadedBytes());
        json.put("speed", Math.round(row.bytesPerSecond()));
        json.put("eta", row.etaSeconds().isPresent() ? row.etaSeconds().getAsLong() : null);
        json.put("retryAt", iso(row.retryAt().orElse(null)));
        json.put("message", row.message().orElse(null));
        json.put("addedAt", iso(row.addedAt()));
        return json;
    }

    static Map<String, Object> test(SiteTest test) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", test.ok());
        json.put("message", test.message());
        json.put("latencyMs", test.latencyMs());
        json.put("titles", test.titles());
        return json;
    }

    static Map<String, Object> settings(SettingsForm form) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", form.pid());
        json.put("fields", form.fields().stream().map(JsonViews::field).toList());
        return json;
    }

    private static Map<String, Object> field(SettingsField field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("label", field.label());
        json.put("description", field.description());
        json.put("type", field.type());
        json.put("options", field.options().orElse(null));
        json.put("value", field.value());
        json.put("default", field.defaultValue());
        return json;
    }

    static Map<String, Object> log(LogLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", iso(line.at()));
        json.put("level", line.level());
        json.put("logger", line.logger());
        json.put("message", line.message());
        return json;
    }

    static Map<String, Object> error(String message, Map<String, String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", message);
        if (!fields.isEmpty()) {
            json.put("fields", fields);
        }
        return json;
    }

    static Map<String, Object> message(String message) {
        return Map.of("message", message);
    }

    static List<Map<String, Object>> logLines(List<LogLine> lines) {
        return lines.stream().map(JsonViews::log).toList();
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
