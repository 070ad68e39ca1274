package org.catalogarr.core.qbit;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.jobs.AddOptions;
import org.catalogarr.core.jobs.JobException;
import org.catalogarr.core.jobs.Jobs;
import org.catalogarr.core.jobs.QueueMove;
import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.core.torrent.TorrentFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The qBittorrent WebUI API v2, as qBittorrent 4.6 answers it, on top of {@link Jobs}.
 *
 * <p>Every method except {@code auth/login} needs a session (see {@link Authentication}), otherwise the
 * answer is 403 {@code Forbidden}, as qBittorrent answers even {@code app/webapiVersion}. An {@code Authorization}
 * header is ignored (Sonarr sends Basic credentials pre-emptively), and Referer/Origin are not required.
 *
 * <p>Unknown methods are 404; mutating methods take only POST, the others GET and POST, anything else
 * is 405. In {@code torrents/add}, a category that does not exist yet is created first, as qBittorrent
 * does; a category that cannot be created is 409 and a save path outside the download root is 400.
 * {@code torrents/add} takes our magnets in {@code urls} and our .torrent files in file parts of any field
 * name; a file that is no torrent at all is 415, as in qBittorrent, except that nothing of that request is
 * added. Magnets and torrents of anybody else are skipped, and {@code Fails.} says that nothing was added.
 */
public final class QbitApi {

    static final String APP_VERSION = "v4.6.7";
    /** The WebUI API version qBittorrent 4.6 reports; clients pick field and parameter names by it. */
    static final String API_VERSION = "2.9.3";

    /**
     * Sonarr adds one release a request. Checking a link or file costs a SHA-1 and more, so a body of
     * megabytes of them would keep a request thread busy for seconds; more than this is refused whole.
     */
    static final int MAX_ADDED_AT_ONCE = 1000;
    /** Sonarr sets one tag; a request naming more than this is refused before it is a list of names. */
    static final int MAX_TAGS_AT_ONCE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(QbitApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @FunctionalInterface
    private interface Handler {
        ApiResponse handle(ApiRequest request, Sessions.Session session) throws JobException;
    }

    private record Endpoint(boolean postOnly, boolean open, Handler handler) {
    }

    private final Jobs jobs;
    private final Authentication authentication;
    private final Clock clock;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    public QbitApi(Jobs jobs, Authentication authentication, Clock clock) {
        this.jobs = jobs;
        this.authentication = authentication;
        this.clock = clock;
        read("app/version", (r, s) -> ApiResponse.ok(APP_VERSION));
        read("app/webapiVersion", (r, s) -> ApiResponse.ok(API_VERSION));
        read("app/buildInfo", (r, s) -> json(buildInfo()));
        read("app/preferences", (r, s) -> json(Preferences.of(jobs.defaultSavePath(), authentication.username())));
        read("app/defaultSavePath", (r, s) -> ApiResponse.ok(jobs.defaultSavePath()));
        endpoints.put("auth/login", new Endpoint(true, true, (r, s) -> authentication.login(r)));
        write("auth/logout", (r, s) -> authentication.logout(r));
        write("torrents/add", (r, s) -> add(r.parameters()));
        read("torrents/info", (r, s) -> json(TorrentQuery.from(r.parameters()).apply(torrents(jobs.all()))));
        read("torrents/properties", (r, s) -> withJob(r, job -> TorrentView.properties(job, clock.instant())));
        read("torrents/files", (r, s) -> withJob(r, TorrentView::files));
        write("torrents/delete", (r, s) -> {
            jobs.delete(hashes(r.parameters()), r.parameters().bool("deleteFiles", false));
            return ApiResponse.ok("");
        });
        write("torrents/pause", this::pause);
        write("torrents/stop", this::pause);
        write("torrents/resume", this::resume);
        write("torrents/start", this::resume);
        write("torrents/setCategory", (r, s) -> setCategory(r.parameters()));
        write("torrents/addTags", (r, s) -> {
            jobs.addTags(hashes(r.parameters()), requiredTags(r.parameters()));
            return ApiResponse.ok("");
        });
        // Without tags, qBittorrent takes every tag off the torrents.
        write("torrents/removeTags", (r, s) -> {
            jobs.removeTags(hashes(r.parameters()), tags(r.parameters()));
            return ApiResponse.ok("");
        });
        read("torrents/tags", (r, s) -> json(jobs.tags()));
        write("torrents/createTags", (r, s) -> {
            jobs.createTags(requiredTags(r.parameters()));
            return ApiResponse.ok("");
        });
        write("torrents/deleteTags", (r, s) -> {
            jobs.deleteTags(requiredTags(r.parameters()));
            return ApiResponse.ok("");
        });
        write("torrents/setShareLimits", (r, s) -> {
            FormParameters p = r.parameters();
            jobs.setShareLimits(hashes(p), new ShareLimits(ratio(p, "ratioLimit", true),
                    minutes(p, "seedingTimeLimit", true), minutes(p, "inactiveSeedingTimeLimit", false)));
            return ApiResponse.ok("");
        });
        write("torrents/topPrio", (r, s) -> move(r, QueueMove.TOP));
        write("torrents/bottomPrio", (r, s) -> move(r, QueueMove.BOTTOM));
        write("torrents/increasePrio", (r, s) -> move(r, QueueMove.UP));
        write("torrents/decreasePrio", (r, s) -> move(r, QueueMove.DOWN));
        write("torrents/setForceStart", (r, s) -> {
            jobs.setForceStart(hashes(r.parameters()), required(r.parameters(), "value").equalsIgnoreCase("true"));
            return ApiResponse.ok("");
        });
        read("torrents/categories", (r, s) -> json(categories()));
        write("torrents/createCategory", (r, s) -> createCategory(r.parameters()));
        write("torrents/editCategory", (r, s) -> editCategory(r.parameters()));
        write("torrents/removeCategories", (r, s) -> {
            jobs.removeCategories(lines(r.parameters().text("categories"), "categories"));
            return ApiResponse.ok("");
        });
        read("sync/maindata", (r, s) -> json(s.sync(rid(r.parameters()), snapshot()).body()));
        read("transfer/info", (r, s) -> json(transferInfo(jobs.all())));
    }

    /** Whether a request may reach its endpoint: the refusal to answer, or the session it runs in. */
    private record Admission(ApiResponse refusal, Sessions.Session session) {
    }

    /**
     * The answer to a request that may go no further (unknown method 404, wrong HTTP method 405, no session
     * 403), judged on its path, method, cookies and address alone: the servlet asks before it reads a byte
     * of the body, so that a request nobody may make costs no parsing.
     */
    public Optional<ApiResponse> refusal(ApiRequest request) {
        return Optional.ofNullable(admit(request).refusal());
    }

    public ApiResponse handle(ApiRequest request) {
        Admission admission = admit(request);
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        try {
            return endpoints.get(request.path()).handler().handle(request, admission.session());
        } catch (IllegalArgumentException e) {
            return ApiResponse.text(400, e.getMessage());
        } catch (JobException e) {
            // A value too long to keep is a bad request; a category qBittorrent would refuse is its 409.
            return ApiResponse.text(e.reason() == JobException.Reason.BAD_VALUE ? 400 : 409, e.getMessage());
        }
    }

    private Admission admit(ApiRequest request) {
        Endpoint endpoint = endpoints.get(request.path());
        if (endpoint == null) {
            return new Admission(ApiResponse.text(404, "Not Found"), null);
        }
        if (endpoint.postOnly() && !"POST".equals(request.method())) {
            return new Admission(ApiResponse.text(405, "Method Not Allowed").withHeader("Allow", "POST"), null);
        }
        if (!"POST".equals(request.method()) && !"GET".equals(request.method())) {
            return new Admission(ApiResponse.text(405, "Method Not Allowed").withHeader("Allow", "GET, POST"), null);
        }
        if (endpoint.open()) {
            return new Admission(null, null);
        }
        return authentication.session(request).map(session -> new Admission(null, session))
                .orElseGet(() -> new Admission(authentication.refusal(request), null));
    }

    private void read(String path, Handler handler) {
        endpoints.put(path, new Endpoint(false, false, handler));
    }

    private void write(String path, Handler handler) {
        endpoints.put(path, new Endpoint(true, false, handler));
    }

    private ApiResponse add(FormParameters p) throws JobException {
        AddOptions options = new AddOptions(p.text("category").strip(), p.text("savepath").strip(),
                p.bool("stopped").or(() -> p.bool("paused")).orElse(false), tags(p),
                new ShareLimits(ratio(p, "ratioLimit", false), minutes(p, "seedingTimeLimit", false),
                        minutes(p, "inactiveSeedingTimeLimit", false)));
        List<String> urls = lines(p.text("urls"), "links");
        if (urls.size() + p.fileParts().size() > MAX_ADDED_AT_ONCE) {
            throw new IllegalArgumentException("torrents/add takes at most " + MAX_ADDED_AT_ONCE
                    + " links and files at once, not " + (urls.size() + p.fileParts().size()));
        }
        List<MagnetInfo> episodes = new ArrayList<>();
        for (String url : urls) {
            Optional<MagnetInfo> episode = Magnets.parse(url);
            if (episode.isPresent()) {
                episodes.add(episode.get());
            } else {
                LOG.info("Not adding {}: not a magnet link made by Catalogarr", abbreviate(url));
            }
        }
        for (FilePart file : p.fileParts()) {
            Optional<MagnetInfo> episode;
            try {
                episode = TorrentFiles.read(file.content());
            } catch (IllegalArgumentException e) {
                LOG.info("Refusing torrent file '{}': {}", abbreviate(file.fileName()), e.getMessage());
                return ApiResponse.text(415, "Error: '" + file.fileName() + "' is not a valid torrent file.");
            }
            if (episode.isPresent()) {
                episodes.add(episode.get());
            } else {
                LOG.info("Not adding torrent file '{}': not made by Catalogarr", abbreviate(file.fileName()));
            }
        }
        // One job per hash, however often it was sent: each add asks the store under the job service's lock,
        // so a body of megabytes of one magnet would otherwise hold every other job call for minutes.
        Map<String, MagnetInfo> distinct = new LinkedHashMap<>();
        episodes.forEach(episode -> distinct.putIfAbsent(episode.infohash(), episode));
        for (MagnetInfo episode : distinct.values()) {
            try {
                addOne(episode, options);
            } catch (JobException e) {
                if (e.reason() == JobException.Reason.PATH_OUTSIDE_ROOT) {
                    throw new IllegalArgumentException(e.getMessage());
                }
                throw e;
            }
        }
        return ApiResponse.ok(episodes.isEmpty() ? "Fails." : "Ok.");
    }

    private void addOne(MagnetInfo episode, AddOptions options) throws JobException {
        String category = options.category();
        try {
            jobs.add(episode, options);
        } catch (JobException e) {
            if (e.reason() != JobException.Reason.BAD_CATEGORY || category.isEmpty()
                    || jobs.categories().containsKey(category)) {
                throw e;
            }
            jobs.createCategory(category, "");
            jobs.add(episode, options);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private ApiResponse move(ApiRequest request, QueueMove move) {
        jobs.move(hashes(request.parameters()), move);
        return ApiResponse.ok("");
    }

    private static String required(FormParameters p, String name) {
        return p.first(name).map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("Missing parameter: " + name));
    }

    /** A ratio limit; absent is the global limit unless the method requires it. */
    private static double ratio(FormParameters p, String name, boolean required) {
        String value = required ? required(p, name) : p.text(name).strip();
        if (value.isEmpty()) {
            return ShareLimits.GLOBAL;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    /** A time limit in minutes; absent is the global limit unless the method requires it. */
    private static int minutes(FormParameters p, String name, boolean required) {
        String value = required ? required(p, name) : p.text(name).strip();
        if (value.isEmpty()) {
            return ShareLimits.GLOBAL;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of minutes, not '" + value + "'");
        }
    }

    /**
     * The comma-separated {@code tags} parameter, which must be sent but may be empty: qBittorrent answers
     * 400 without it and ignores empty names (an empty value does nothing).
     */
    private static List<String> requiredTags(FormParameters p) {
        if (p.first("tags").isEmpty()) {
            throw new IllegalArgumentException("Missing parameter: tags");
        }
        return tags(p);
    }

    /** The comma-separated {@code tags} parameter; names are trimmed, empty ones dropped. */
    private static List<String> tags(FormParameters p) {
        return ListField.split(p.text("tags"), c -> c == ',', MAX_TAGS_AT_ONCE, "tags");
    }

    private ApiResponse pause(ApiRequest request, Sessions.Session session) {
        jobs.pause(hashes(request.parameters()));
        return ApiResponse.ok("");
    }

    private ApiResponse resume(ApiRequest request, Sessions.Session session) {
        jobs.resume(hashes(request.parameters()));
        return ApiResponse.ok("");
    }

    private ApiResponse setCategory(FormParameters p) throws JobException {
        String category = p.first("category")
                .orElseThrow(() -> new IllegalArgumentException("Missing parameter: category")).strip();
        jobs.setCategory(hashes(p), category);
        return ApiResponse.ok("");
    }

    private ApiResponse createCategory(FormParameters p) throws JobException {
        String name = categoryName(p);
        if (jobs.categories().containsKey(name)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Category \"" + name + "\" already exists");
        }
        jobs.createCategory(name, p.text("savePath").strip());
        return ApiResponse.ok("");
    }

    private ApiResponse editCategory(FormParameters p) throws JobException {
        jobs.editCategory(categoryName(p), p.text("savePath").strip());
        return ApiResponse.ok("");
    }

    private static String categoryName(FormParameters p) {
        String name = p.text("category").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Category name cannot be empty");
        }
        return name;
    }

    private ApiResponse withJob(ApiRequest request, Function<DownloadJob, Object> view) {
        String hash = request.parameters().text("hash").strip();
        if (hash.isEmpty()) {
            throw new IllegalArgumentException("Missing parameter: hash");
        }
        return jobs.byHash(hash).map(job -> json(view.apply(job))).orElseGet(() -> ApiResponse.text(404, "Not Found"));
    }

    /** {@code hashes}: {@code |}-separated, or {@code all}. */
    private List<String> hashes(FormParameters p) {
        String hashes = p.first("hashes").orElseThrow(() -> new IllegalArgumentException("Missing parameter: hashes"))
                .strip();
        if (hashes.equalsIgnoreCase("all")) {
            return jobs.all().stream().map(DownloadJob::infoHash).toList();
        }
        return Arrays.stream(hashes.split("\\|")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    }

    private static List<String> lines(String text, String what) {
        return ListField.split(text, ListField::isLineBreak, MAX_ADDED_AT_ONCE, what);
    }

    private static long rid(FormParameters p) {
        try {
            return Long.parseLong(p.text("rid").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The torrent objects; unfinished jobs are numbered by their place in the queue, finished ones 0. */
    private List<Map<String, Object>> torrents(List<DownloadJob> all) {
        Instant now = clock.instant();
        Map<String, Integer> places = new HashMap<>();
        all.stream().filter(j -> !j.status().finished()).sorted(DownloadJob.QUEUE_ORDER)
                .forEach(j -> places.put(j.id(), places.size() + 1));
        List<Map<String, Object>> torrents = new ArrayList<>();
        for (DownloadJob job : all) {
            torrents.add(TorrentView.info(job, places.getOrDefault(job.id(), 0), now));
        }
        return torrents;
    }

    private Map<String, Map<String, Object>> categories() {
        Map<String, Map<String, Object>> categories = new TreeMap<>();
        jobs.categories().forEach((name, path) -> categories.put(name, Map.of("name", name, "savePath", path)));
        return categories;
    }

    /** One read of the jobs for all parts, so torrents and totals describe the same moment. */
    private MainData.Snapshot snapshot() {
        List<DownloadJob> all = jobs.all();
        Map<String, Map<String, Object>> torrents = new LinkedHashMap<>();
        for (Map<String, Object> t : torrents(all)) {
            torrents.put((String) t.get("hash"), t);
        }
        Set<String> tags = new TreeSet<>(jobs.tags());
        Map<String, Object> serverState = transferInfo(all);
        serverState.put("free_space_on_disk", new File(jobs.defaultSavePath()).getUsableSpace());
        serverState.put("queueing", true);
        serverState.put("use_alt_speed_limits", false);
        serverState.put("refresh_interval", 1500);
        return new MainData.Snapshot(0, torrents, categories(), tags, serverState);
    }

    private static Map<String, Object> transferInfo(List<DownloadJob> all) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dl_info_speed", all.stream().filter(j -> j.status() == JobStatus.DOWNLOADING)
                .mapToLong(j -> Math.round(j.bytesPerSecond())).sum());
        info.put("dl_info_data", all.stream().mapToLong(DownloadJob::downloadedBytes).sum());
        info.put("up_info_speed", 0L);
        info.put("up_info_data", 0L);
        info.put("dl_rate_limit", 0L);
        info.put("up_rate_limit", 0L);
        info.put("dht_nodes", 0L);
        info.put("connection_status", "connected");
        return info;
    }

    /** There is no Qt or libtorrent behind this API; the fields say so rather than invent versions. */
    private static Map<String, Object> buildInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("qt", "");
        info.put("libtorrent", "");
        info.put("boost", "");
        info.put("openssl", "");
        info.put("zlib", "");
        info.put("bitness", System.getProperty("os.arch", "").contains("64") ? 64 : 32);
        info.put("java", System.getProperty("java.version", ""));
        return info;
    }

    private static ApiResponse json(Object value) {
        try {
            return ApiResponse.json(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a qBittorrent API answer as JSON", e);
        }
    }
}
