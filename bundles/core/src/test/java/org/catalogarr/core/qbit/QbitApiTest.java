package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.jobs.AddOptions;
import org.catalogarr.core.login.LoginThrottle;
import org.catalogarr.core.torrent.Bencode;
import org.catalogarr.core.torrent.Bencoded;
import org.catalogarr.core.torrent.TorrentFiles;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class QbitApiTest {

    static final String H1 = FakeJobs.episode(1, "A").infohash();
    static final String H2 = FakeJobs.episode(2, "B").infohash();
    private static final String REMOTE = "192.168.1.20";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final FakeJobs jobs = new FakeJobs(clock.instant());
    private final Sessions sessions = new Sessions(clock, Duration.ofHours(1));
    private final Authentication authentication = new Authentication(sessions,
            new LoginThrottle(clock, Authentication.MAX_FAILURES, Duration.ofHours(1)), clock,
            new Credentials("admin", "secret"));
    private final QbitApi api = new QbitApi(jobs, authentication, clock);

    private ApiResponse call(String method, String path, String sid, String... params) {
        return call(method, path, sid, REMOTE, FormParameters.of(params));
    }

    private ApiResponse call(String method, String path, String sid, String address, FormParameters params) {
        return api.handle(new ApiRequest(method, path, params, sid == null ? Map.of() : Map.of("SID", sid), address));
    }

    private ApiResponse post(String path, String sid, String... params) {
        return call("POST", path, sid, params);
    }

    private ApiResponse get(String path, String sid, String... params) {
        return call("GET", path, sid, params);
    }

    private String login() {
        ApiResponse r = post("auth/login", null, "username", "admin", "password", "secret");
        assertEquals("Ok.", r.body());
        return sid(r);
    }

    private static String sid(ApiResponse r) {
        String cookie = r.headers().get("Set-Cookie");
        assertNotNull("no Set-Cookie", cookie);
        return cookie.substring("SID=".length(), cookie.indexOf(';'));
    }

    private static JsonNode json(ApiResponse r) {
        assertEquals(r.body(), 200, r.status());
        assertEquals(ApiResponse.JSON, r.contentType());
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static List<String> hashesOf(JsonNode array) {
        List<String> hashes = new ArrayList<>();
        array.forEach(t -> hashes.add(t.get("hash").asText()));
        return hashes;
    }

    // --- authentication

    /** qBittorrent answers only auth/login without a session; even the version probe is 403. */
    @Test
    public void onlyLoginAnswersWithoutASession() {
        for (String path : List.of("app/webapiVersion", "app/version", "app/buildInfo", "app/preferences",
                "app/defaultSavePath", "torrents/tags")) {
            ApiResponse r = get(path, null);
            assertEquals(path, 403, r.status());
            assertEquals(path, "Forbidden", r.body());
        }
        assertEquals(403, post("auth/logout", null).status());
        assertEquals(200, post("auth/login", null, "username", "admin", "password", "wrong").status());
    }

    @Test
    public void webapiVersionIsABareVersionWithASession() {
        ApiResponse r = get("app/webapiVersion", login());

        assertEquals(200, r.status());
        assertEquals("2.9.3", r.body());
        assertTrue(r.body().matches("^\\d+\\.\\d+(\\.\\d+)?$"));
    }

    @Test
    public void loginSetsAnHttpOnlySidCookie() {
        ApiResponse r = post("auth/login", null, "username", "admin", "password", "secret");

        assertEquals(200, r.status());
        assertEquals("Ok.", r.body());
        assertTrue(r.headers().get("Set-Cookie").matches("SID=[A-Za-z0-9]{32}; HttpOnly; SameSite=Strict; path=/"));
        assertEquals(200, get("app/version", sid(r)).status());
    }

    @Test
    public void loginWorksWithAMultipartBody() {
        FormParameters form = FormParameters.parse(null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                FormParametersTest.multipart("username", "admin", "password", "secret"));

        ApiResponse r = call("POST", "auth/login", null, REMOTE, form);

        assertEquals("Ok.", r.body());
        assertEquals(200, get("torrents/info", sid(r)).status());
    }

    @Test
    public void aWrongPasswordFailsWithoutACookie() {
        ApiResponse r = post("auth/login", null, "username", "admin", "password", "wrong");

        assertEquals(200, r.status());
        assertEquals("Fails.", r.body());
        assertNull(r.headers().get("Set-Cookie"));
        assertEquals("Fails.", post("auth/login", null, "username", "root", "password", "secret").body());
    }

    @Test
    public void fiveFailuresBanTheAddressEvenForTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertEquals("Fails.", post("auth/login", null, "username", "admin", "password", "guess" + i).body());
        }

        ApiResponse r = post("auth/login", null, "username", "admin", "password", "secret");

        assertEquals(403, r.status());
        assertEquals(Authentication.BANNED, r.body());
        assertNull(r.headers().get("Set-Cookie"));
        ApiResponse other = call("POST", "auth/login", null, "192.168.1.21",
                FormParameters.of("username", "admin", "password", "secret"));
        assertEquals("Ok.", other.body());
    }

    @Test
    public void everyOtherEndpointNeedsAValidSid() {
        for (String path : List.of("app/version", "app/preferences", "app/buildInfo", "app/defaultSavePath",
                "torrents/info", "torrents/categories", "sync/maindata", "transfer/info", "torrents/properties")) {
            ApiResponse r = get(path, null, "hash", H1);
            assertEquals(path, 403, r.status());
            assertEquals("Forbidden", r.body());
            assertEquals(path, 403, get(path, "not-a-session", "hash", H1).status());
        }
        assertEquals(403, post("torrents/add", null, "urls", FakeJobs.magnet(1, "A")).status());
        assertTrue("nothing was added without a session", jobs.all().isEmpty());
    }

    @Test
    public void anExpiredSidIsRefusedAndANewLoginWorks() {
        String sid = login();
        clock.advance(Duration.ofMinutes(61));

        assertEquals(403, get("torrents/info", sid).status());
        assertEquals(200, get("torrents/info", login()).status());
    }

    @Test
    public void logoutEndsTheSession() {
        String sid = login();

        assertEquals(200, post("auth/logout", sid).status());

        assertEquals(403, get("torrents/info", sid).status());
    }

    @Test
    public void newCredentialsEndOldSessions() {
        String sid = login();

        authentication.configure(new Credentials("admin", "changed"));

        assertEquals(403, get("torrents/info", sid).status());
        assertEquals("Fails.", post("auth/login", null, "username", "admin", "password", "secret").body());
    }

    @Test
    public void withoutAPasswordLoopbackClientsNeedNoLogin() {
        authentication.configure(new Credentials("admin", ""));

        assertEquals(200, call("GET", "torrents/info", null, "127.0.0.1", FormParameters.of()).status());
        assertEquals(200, call("GET", "torrents/info", null, "::1", FormParameters.of()).status());
        assertEquals(200, call("GET", "torrents/info", null, "0:0:0:0:0:0:0:1", FormParameters.of()).status());
        ApiResponse localLogin = call("POST", "auth/login", null, "127.0.0.1", FormParameters.of());
        assertEquals("Ok.", localLogin.body());
        assertEquals(200, call("GET", "app/version", sid(localLogin), "127.0.0.1", FormParameters.of()).status());
    }

    @Test
    public void withoutAPasswordOtherClientsAreRefused() {
        authentication.configure(new Credentials("admin", ""));

        assertEquals(403, get("torrents/info", null).status());
        assertEquals("the answer says what to change", Authentication.NEEDS_PASSWORD, get("torrents/info", null).body());
        assertTrue(Authentication.NEEDS_PASSWORD.contains("org.catalogarr.qbit"));
        ApiResponse login = post("auth/login", null, "username", "admin", "password", "");
        assertEquals(403, login.status());
        assertEquals(Authentication.NEEDS_PASSWORD, login.body());
        assertEquals(403, call("GET", "torrents/info", null, "localhost", FormParameters.of()).status());
        assertEquals(403, get("app/webapiVersion", null).status());
        assertEquals(200, call("GET", "app/webapiVersion", null, "127.0.0.1", FormParameters.of()).status());
    }

    @Test
    public void withoutAPasswordASidFromALoopbackClientDoesNotLetAnotherAddressIn() {
        authentication.configure(new Credentials("admin", ""));
        String localSid = sid(call("POST", "auth/login", null, "127.0.0.1", FormParameters.of()));
        assertEquals(200, call("GET", "torrents/info", localSid, "127.0.0.1", FormParameters.of()).status());

        assertEquals(403, call("GET", "torrents/info", localSid, REMOTE, FormParameters.of()).status());
        assertEquals(403, call("POST", "torrents/delete", localSid, REMOTE,
                FormParameters.of("hashes", "all", "deleteFiles", "true")).status());
    }

    @Test
    public void theOldestIdleSessionMakesWayWhenTheCapIsReached() {
        String idlest = login();
        clock.advance(Duration.ofSeconds(1));
        String busy = login();
        for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
            clock.advance(Duration.ofSeconds(1));
            login();
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a request keeps a session in use", 200, get("torrents/info", busy).status());

        String newest = login();

        assertEquals(200, get("torrents/info", newest).status());
        assertEquals(200, get("torrents/info", busy).status());
        assertEquals("the session idle longest was closed", 403, get("torrents/info", idlest).status());
    }

    @Test
    public void unknownEndpointsAre404() {
        String sid = login();

        assertEquals(404, get("torrents/nothing", sid).status());
        assertEquals(404, get("", null).status());
    }

    @Test
    public void mutatingEndpointsRefuseGet() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        ApiResponse r = get("torrents/delete", sid, "hashes", H1);

        assertEquals(405, r.status());
        assertEquals("POST", r.headers().get("Allow"));
        assertEquals(1, jobs.all().size());
        assertEquals(405, get("auth/login", null, "username", "admin", "password", "secret").status());
        ApiResponse put = call("PUT", "torrents/info", sid);
        assertEquals(405, put.status());
        assertEquals("GET, POST", put.headers().get("Allow"));
    }

    @Test
    public void readingEndpointsTakeGetAndPost() {
        String sid = login();

        assertEquals(200, get("torrents/info", sid).status());
        assertEquals(200, post("torrents/info", sid).status());
        assertEquals(200, post("app/webapiVersion", sid).status());
    }

    // --- application

    @Test
    public void reportsAQbittorrentVersionMatchingTheApiVersion() {
        String sid = login();

        assertEquals("v4.6.7", get("app/version", sid).body());
        assertEquals(FakeJobs.ROOT, get("app/defaultSavePath", sid).body());
        assertTrue(json(get("app/buildInfo", sid)).get("bitness").isInt());
    }

    @Test
    public void preferencesNameTheDefaultSavePath() {
        JsonNode prefs = json(get("app/preferences", login()));

        assertEquals(FakeJobs.ROOT, prefs.get("save_path").asText());
        assertTrue(prefs.get("dht").asBoolean());
        assertEquals("the global limit: stop at ratio 0", 0, prefs.get("max_ratio_act").asInt());
        assertTrue(prefs.get("max_ratio_enabled").asBoolean());
    }

    // --- adding

    @Test
    public void addsAMagnetThatIsVisibleAtOnce() throws Exception {
        String sid = login();
        jobs.createCategory("tv-sonarr", "");

        ApiResponse r = post("torrents/add", sid, "urls", FakeJobs.magnet(1, "Series.S01E02").replace(H1, H1.toUpperCase()),
                "category", "tv-sonarr", "stopped", "False");

        assertEquals(200, r.status());
        assertEquals("Ok.", r.body());
        JsonNode info = json(get("torrents/info", sid, "category", "tv-sonarr"));
        assertEquals(List.of(H1), hashesOf(info));
        assertEquals("queuedDL", info.get(0).get("state").asText());
        assertEquals("/downloads/tv-sonarr", info.get(0).get("save_path").asText());
        assertEquals(200, get("torrents/properties", sid, "hash", H1).status());
    }

    @Test
    public void addsFromAMultipartBodyWithCapitalisedBooleans() throws Exception {
        String sid = login();
        FormParameters form = FormParameters.parse(null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                FormParametersTest.multipart("urls", FakeJobs.magnet(1, "A") + "&tr=x".repeat(300), "stopped",
                        "True"));

        assertEquals("Ok.", call("POST", "torrents/add", sid, REMOTE, form).body());

        assertEquals(JobStatus.PAUSED, jobs.byHash(H1).orElseThrow().status());
    }

    @Test
    public void readsPausedAndStoppedInAnyCase() {
        String sid = login();

        post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"), "paused", "TRUE");
        post("torrents/add", sid, "urls", FakeJobs.magnet(2, "B"), "stopped", "false");

        assertEquals(JobStatus.PAUSED, jobs.byHash(H1).orElseThrow().status());
        assertEquals(JobStatus.QUEUED, jobs.byHash(H2).orElseThrow().status());
    }

    @Test
    public void addsSeveralMagnetsSeparatedByNewlines() {
        String sid = login();

        ApiResponse r = post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A") + "\r\n" + FakeJobs.magnet(2, "B")
                + "\n", "tags", "sonarr, german");

        assertEquals("Ok.", r.body());
        assertEquals(2, jobs.all().size());
        assertEquals(List.of("sonarr", "german"), jobs.byHash(H2).orElseThrow().tags());
    }

    @Test
    public void addsAMagnetSentManyTimesOnce() {
        String sid = login();
        String twice = FakeJobs.magnet(1, "A") + "\n" + FakeJobs.magnet(2, "B") + "\n";

        ApiResponse r = post("torrents/add", sid, "urls", twice.repeat(QbitApi.MAX_ADDED_AT_ONCE / 2));

        assertEquals("Ok.", r.body());
        assertEquals(2, jobs.all().size());
        assertEquals(2, jobs.addCalls);
    }

    @Test
    public void refusesMoreLinksAndFilesThanItTakesAtOnceAndAddsNone() {
        String sid = login();
        String links = (FakeJobs.magnet(1, "A") + "\n").repeat(QbitApi.MAX_ADDED_AT_ONCE);

        ApiResponse r = addFiles(sid, List.of(new FilePart("torrents", "b.torrent",
                TorrentFiles.build(FakeJobs.episode(2, "B")))), "urls", links);

        assertEquals(400, r.status());
        assertEquals("torrents/add takes at most 1000 links and files at once, not 1001", r.body());
        assertEquals(0, jobs.addCalls);
    }

    /** A million tags in a 2 MiB body would be a million strings: refused at the 101st, nothing added. */
    @Test
    public void refusesMoreTagsThanItTakesAtOnceAndAddsNothing() {
        String sid = login();

        ApiResponse r = post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"), "tags", "t,".repeat(1_000_000));

        assertEquals(400, r.status());
        assertEquals("at most " + QbitApi.MAX_TAGS_AT_ONCE + " tags at once", r.body());
        assertEquals(0, jobs.addCalls);
        assertEquals("Ok.", post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"), "tags",
                "t,".repeat(QbitApi.MAX_TAGS_AT_ONCE) + ", ,").body());
    }

    @Test
    public void refusesMoreLinesOfLinksThanItTakesAtOnce() {
        String sid = login();

        ApiResponse r = post("torrents/add", sid, "urls", (FakeJobs.magnet(1, "A") + "\r\n").repeat(5000));

        assertEquals(400, r.status());
        assertEquals("at most " + QbitApi.MAX_ADDED_AT_ONCE + " links at once", r.body());
        assertEquals(0, jobs.addCalls);
    }

    @Test
    public void aMagnetThatIsNotOursFails() {
        String sid = login();

        ApiResponse r = post("torrents/add", sid, "urls", "magnet:?xt=urn:btih:" + H1 + "&dn=Other");

        assertEquals(200, r.status());
        assertEquals("Fails.", r.body());
        assertEquals("Fails.", post("torrents/add", sid).body());
        assertEquals("Fails.", post("torrents/add", sid, "urls", "https://example.org/x.torrent").body());
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void oneGoodMagnetAmongBadOnesIsOk() {
        String sid = login();

        ApiResponse r = post("torrents/add", sid, "urls", "magnet:?junk\n" + FakeJobs.magnet(1, "A"));

        assertEquals("Ok.", r.body());
        assertEquals(1, jobs.all().size());
    }

    private ApiResponse addFiles(String sid, List<FilePart> files, String... params) {
        FormParameters form = FormParameters.parse(null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                FormParametersTest.multipart(files, params));
        return call("POST", "torrents/add", sid, REMOTE, form);
    }

    /** The SHA-1 of the file's bencoded info dictionary, as BitTorrent clients compute the infohash. */
    private static String infohashOf(byte[] torrent) throws Exception {
        byte[] info = Bencode.encode(((Bencoded.Dict) Bencode.decode(torrent)).dict("info").orElseThrow());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(info));
    }

    @Test
    public void addsOurTorrentFileAsSonarrSendsIt() throws Exception {
        String sid = login();
        jobs.createCategory("tv-sonarr", "");
        byte[] torrent = TorrentFiles.build(FakeJobs.episode(1, "Series.S01E01.German.1080p.WEB.h264-STO"));

        ApiResponse r = addFiles(sid, List.of(new FilePart("torrents", "Series.S01E01.torrent", torrent)),
                "category", "tv-sonarr", "stopped", "False");

        assertEquals(200, r.status());
        assertEquals("Ok.", r.body());
        JsonNode info = json(get("torrents/info", sid, "category", "tv-sonarr"));
        assertEquals(List.of(infohashOf(torrent)), hashesOf(info));
        assertEquals(H1, infohashOf(torrent));
        assertEquals("Series.S01E01.German.1080p.WEB.h264-STO", info.get(0).get("name").asText());
        assertEquals("queuedDL", info.get(0).get("state").asText());
    }

    @Test
    public void addsOurTorrentFileAsCtrlQbittorrentSendsIt() throws Exception {
        String sid = login();
        byte[] torrent = TorrentFiles.build(FakeJobs.episode(2, "B"));

        ApiResponse r = addFiles(sid, List.of(new FilePart("file", "file.torrent", torrent)), "paused", "true");

        assertEquals("Ok.", r.body());
        assertEquals(List.of(infohashOf(torrent)), hashesOf(json(get("torrents/info", sid))));
        assertEquals(JobStatus.PAUSED, jobs.byHash(H2).orElseThrow().status());
    }

    @Test
    public void aTorrentFileAndTheMagnetOfTheSameEpisodeAreOneTorrent() {
        String sid = login();

        addFiles(sid, List.of(new FilePart("torrents", "a.torrent", TorrentFiles.build(FakeJobs.episode(1, "A")))));
        post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A renamed"));

        assertEquals(List.of(H1), hashesOf(json(get("torrents/info", sid))));
    }

    @Test
    public void aTorrentFileNotMadeByUsFails() {
        String sid = login();
        byte[] foreign = Bencode.encode(Bencoded.Dict.of(Map.of("info", Bencoded.Dict.of(Map.of(
                "name", Bencoded.text("debian.iso"), "length", Bencoded.number(1),
                "piece length", Bencoded.number(16_384), "pieces", new Bencoded.Bytes(new byte[20]))))));

        ApiResponse r = addFiles(sid, List.of(new FilePart("torrents", "debian.torrent", foreign)));

        assertEquals(200, r.status());
        assertEquals("Fails.", r.body());
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void oneOfOurTorrentFilesAmongForeignOnesIsOk() {
        String sid = login();
        byte[] foreign = ("d4:infod6:lengthi1e4:name1:x12:piece lengthi16384e6:pieces20:" + "p".repeat(20) + "ee")
                .getBytes(StandardCharsets.UTF_8);

        ApiResponse r = addFiles(sid, List.of(new FilePart("torrents", "x.torrent", foreign),
                new FilePart("torrents", "a.torrent", TorrentFiles.build(FakeJobs.episode(1, "A")))));

        assertEquals("Ok.", r.body());
        assertEquals(List.of(H1), hashesOf(json(get("torrents/info", sid))));
    }

    @Test
    public void bytesThatAreNoTorrentAre415AndAddNothing() {
        String sid = login();

        ApiResponse r = addFiles(sid, List.of(new FilePart("torrents", "x.torrent",
                "<html>404</html>".getBytes(StandardCharsets.UTF_8))), "urls", FakeJobs.magnet(1, "A"));

        assertEquals(415, r.status());
        assertEquals("Error: 'x.torrent' is not a valid torrent file.", r.body());
        assertTrue(jobs.all().isEmpty());
        assertEquals(415, addFiles(sid, List.of(new FilePart("file", "t", new byte[0]))).status());
        assertEquals(415, addFiles(sid, List.of(new FilePart("file", "t", "d4:infod4:name1:xee"
                .getBytes(StandardCharsets.UTF_8)))).status());
    }

    @Test
    public void addingTheSameHashTwiceKeepsOneTorrent() {
        String sid = login();

        post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"));
        post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A").replace(H1, H1.toUpperCase()));

        assertEquals(1, json(get("torrents/info", sid)).size());
    }

    @Test
    public void aNewCategoryIsCreatedOnAdd() {
        String sid = login();

        assertEquals("Ok.", post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"), "category", "anime").body());

        assertEquals("anime", jobs.byHash(H1).orElseThrow().category());
        assertTrue(jobs.categories().containsKey("anime"));
    }

    @Test
    public void aSavePathOutsideTheRootIs400() {
        ApiResponse r = post("torrents/add", login(), "urls", FakeJobs.magnet(1, "A"), "savepath", "/etc");

        assertEquals(400, r.status());
        assertEquals("/etc is outside /downloads", r.body());
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void aCategoryThatCannotBeCreatedIs409() {
        jobs.refuseCategoryNames = true;

        ApiResponse r = post("torrents/add", login(), "urls", FakeJobs.magnet(1, "A"), "category", "a/../b");

        assertEquals(409, r.status());
        assertEquals("Invalid category name a/../b", r.body());
        assertTrue(jobs.all().isEmpty());
    }

    // --- polling

    @Test
    public void infoIsAnEmptyArrayAtFirst() {
        ApiResponse r = get("torrents/info", login());

        assertEquals("[]", r.body());
    }

    @Test
    public void infoFiltersByCategoryAndHashes() throws Exception {
        String sid = login();
        jobs.createCategory("tv", "");
        jobs.add(FakeJobs.episode(1, "A"), new AddOptions("tv", "", false, List.of(), ShareLimits.DEFAULT));
        jobs.add(FakeJobs.episode(2, "B"), AddOptions.defaults());

        assertEquals(List.of(H1), hashesOf(json(get("torrents/info", sid, "category", "tv"))));
        assertEquals(List.of(H2), hashesOf(json(get("torrents/info", sid, "category", ""))));
        assertEquals(List.of(H1, H2), hashesOf(json(get("torrents/info", sid))));
        assertEquals(List.of(H1), hashesOf(json(get("torrents/info", sid, "hashes", H1.toUpperCase()))));
        assertEquals(List.of(H1, H2), hashesOf(json(get("torrents/info", sid, "hashes", H2 + "|" + H1))));
        assertEquals(List.of(H2), hashesOf(json(get("torrents/info", sid, "filter", "downloading", "limit", "1",
                "offset", "1"))));
        assertEquals(400, get("torrents/info", sid, "limit", "x").status());
    }

    @Test
    public void queuedTorrentsHaveQueuePositions() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());
        jobs.add(FakeJobs.episode(2, "B"), AddOptions.defaults());
        jobs.update(H1, j -> FakeJobs.completed(j, 100, clock.instant()));

        JsonNode info = json(get("torrents/info", sid));

        assertEquals(0, info.get(0).get("priority").asInt());
        assertEquals(1, info.get(1).get("priority").asInt());
    }

    @Test
    public void aCompletedTorrentPointsAtItsFile() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "Ep"), AddOptions.defaults());
        jobs.update(H1, j -> FakeJobs.completed(j, 1000, clock.instant()));

        JsonNode t = json(get("torrents/info", sid)).get(0);

        assertEquals("pausedUP", t.get("state").asText());
        assertEquals(1.0, t.get("progress").asDouble(), 0);
        assertEquals("/downloads/Ep.mkv", t.get("content_path").asText());
        assertEquals("/downloads", t.get("save_path").asText());
        JsonNode files = json(get("torrents/files", sid, "hash", H1.toUpperCase()));
        assertEquals("Ep.mkv", files.get(0).get("name").asText());
    }

    @Test
    public void propertiesAndFilesOfAnUnknownHashAre404() {
        String sid = login();

        assertEquals(404, get("torrents/properties", sid, "hash", H1).status());
        assertEquals(404, get("torrents/files", sid, "hash", H1).status());
        assertEquals(400, get("torrents/properties", sid).status());
    }

    @Test
    public void propertiesCarrySavePathAndSeedingTime() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        JsonNode p = json(get("torrents/properties", sid, "hash", H1));

        assertEquals(FakeJobs.ROOT, p.get("save_path").asText());
        assertTrue(p.get("seeding_time").isInt());
    }

    // --- mutations

    @Test
    public void deleteWithoutDeleteFilesKeepsTheFiles() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        assertEquals(200, post("torrents/delete", sid, "hashes", H1).status());

        assertEquals(List.of(H1), jobs.deletedKeepingFiles);
        assertEquals("[]", get("torrents/info", sid).body());
    }

    @Test
    public void deleteWithDeleteFilesRemovesThem() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());
        jobs.add(FakeJobs.episode(2, "B"), AddOptions.defaults());

        post("torrents/delete", sid, "hashes", H1.toUpperCase() + "|" + H2, "deleteFiles", "True");

        assertEquals(List.of(H1, H2), jobs.deletedWithFiles);
    }

    @Test
    public void deleteAllAndUnknownHashesAreFine() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        assertEquals(200, post("torrents/delete", sid, "hashes", H2).status());
        assertEquals(1, jobs.all().size());
        assertEquals(200, post("torrents/delete", sid, "hashes", "all", "deleteFiles", "false").status());
        assertTrue(jobs.all().isEmpty());
        assertEquals(400, post("torrents/delete", sid).status());
    }

    @Test
    public void pauseAndResumeUnderBothNames() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        post("torrents/pause", sid, "hashes", H1);
        assertEquals("pausedDL", json(get("torrents/info", sid)).get(0).get("state").asText());
        post("torrents/resume", sid, "hashes", "all");
        assertEquals("queuedDL", json(get("torrents/info", sid)).get(0).get("state").asText());
        post("torrents/stop", sid, "hashes", H1);
        assertEquals(JobStatus.PAUSED, jobs.byHash(H1).orElseThrow().status());
        post("torrents/start", sid, "hashes", H1);
        assertEquals(JobStatus.QUEUED, jobs.byHash(H1).orElseThrow().status());
    }

    @Test
    public void setCategoryNeedsAnExistingCategory() throws Exception {
        String sid = login();
        jobs.createCategory("imported", "");
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        assertEquals(200, post("torrents/setCategory", sid, "hashes", H1, "category", "imported").status());
        assertEquals("imported", json(get("torrents/info", sid)).get(0).get("category").asText());

        ApiResponse r = post("torrents/setCategory", sid, "hashes", H1, "category", "nope");
        assertEquals(409, r.status());
        assertEquals("Unknown category nope", r.body());
        assertEquals(200, post("torrents/setCategory", sid, "hashes", H1, "category", "").status());
        assertEquals("", jobs.byHash(H1).orElseThrow().category());
    }

    @Test
    public void tagsAreAddedAndRemoved() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), new AddOptions("", "", false, List.of("sonarr"), ShareLimits.DEFAULT));

        assertEquals(200, post("torrents/addTags", sid, "hashes", H1, "tags", "a, b,sonarr").status());
        assertEquals("sonarr,a,b", json(get("torrents/info", sid)).get(0).get("tags").asText().replace(" ", ""));

        assertEquals(200, post("torrents/removeTags", sid, "hashes", H1, "tags", "a").status());
        assertEquals(List.of("sonarr", "b"), jobs.byHash(H1).orElseThrow().tags());
        assertEquals(200, post("torrents/removeTags", sid, "hashes", H1).status());
        assertEquals(List.of(), jobs.byHash(H1).orElseThrow().tags());
    }

    /** As qBittorrent 4.5.2 answers: names trimmed, empty ones ignored, the parameter itself required. */
    @Test
    public void tagsAreCreatedListedAndDeletedOnTheirOwn() {
        String sid = login();
        assertEquals("[]", json(get("torrents/tags", sid)).toString());

        assertEquals(200, post("torrents/createTags", sid, "tags", "a, b ,,c, ").status());
        assertEquals(200, post("torrents/createTags", sid, "tags", "a").status());
        assertEquals(200, post("torrents/createTags", sid, "tags", "").status());
        assertEquals(400, post("torrents/createTags", sid).status());
        assertEquals(405, get("torrents/createTags", sid, "tags", "x").status());
        assertEquals("[\"a\",\"b\",\"c\"]", json(get("torrents/tags", sid)).toString());

        assertEquals(200, post("torrents/deleteTags", sid, "tags", "b, c,nope").status());
        assertEquals(400, post("torrents/deleteTags", sid).status());
        assertEquals("[\"a\"]", json(get("torrents/tags", sid)).toString());
    }

    @Test
    public void aDeletedTagIsGoneFromItsTorrents() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), new AddOptions("", "", false, List.of("sonarr", "x"), ShareLimits.DEFAULT));

        assertEquals("[\"sonarr\",\"x\"]", json(get("torrents/tags", sid)).toString());
        post("torrents/deleteTags", sid, "tags", "sonarr");

        assertEquals("x", json(get("torrents/info", sid)).get(0).get("tags").asText());
        assertEquals("[\"x\"]", json(get("torrents/tags", sid)).toString());
        assertEquals("[\"x\"]", json(get("sync/maindata", sid)).get("tags").toString());
    }

    @Test
    public void addTagsNeedsHashesAndTagsAndCreatesTheTagsItApplies() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        assertEquals(400, post("torrents/addTags", sid, "tags", "a").status());
        assertEquals(400, post("torrents/addTags", sid, "hashes", H1).status());
        assertEquals(200, post("torrents/addTags", sid, "hashes", H2, "tags", "unused").status());
        assertEquals("[]", json(get("torrents/tags", sid)).toString());
        assertEquals(200, post("torrents/addTags", sid, "hashes", H1, "tags", "new").status());
        assertEquals("[\"new\"]", json(get("torrents/tags", sid)).toString());
        assertEquals(200, post("torrents/removeTags", sid, "hashes", H1).status());
        assertEquals("[\"new\"]", json(get("torrents/tags", sid)).toString());
    }

    @Test
    public void aTagLongerThanKeptIsRefused() {
        String sid = login();

        ApiResponse r = post("torrents/createTags", sid, "tags", "t".repeat(201));

        assertEquals(400, r.status());
        assertEquals("[]", json(get("torrents/tags", sid)).toString());
    }

    @Test
    public void aTorrentWithoutItsFileYetListsNoFiles() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "Ep"), AddOptions.defaults());

        assertEquals("[]", json(get("torrents/files", sid, "hash", H1)).toString());

        jobs.update(H1, j -> j.withFile(Optional.of("/downloads/Ep.mp4"), j.updatedAt()));
        JsonNode files = json(get("torrents/files", sid, "hash", H1));
        assertEquals("Ep.mp4", files.get(0).get("name").asText());
    }

    @Test
    public void categoriesAreCreatedListedEditedAndRemoved() {
        String sid = login();
        assertEquals("{}", get("torrents/categories", sid).body());

        assertEquals(200, post("torrents/createCategory", sid, "category", "tv-sonarr").status());
        assertEquals(200,
                post("torrents/createCategory", sid, "category", "anime", "savePath", "/downloads/a").status());
        JsonNode categories = json(get("torrents/categories", sid));
        assertEquals("tv-sonarr", categories.get("tv-sonarr").get("name").asText());
        assertEquals("/downloads/tv-sonarr", categories.get("tv-sonarr").get("savePath").asText());
        assertEquals("/downloads/a", categories.get("anime").get("savePath").asText());

        assertEquals(200, post("torrents/editCategory", sid, "category", "anime", "savePath", "/downloads/b").status());
        assertEquals("/downloads/b", jobs.categories().get("anime"));

        assertEquals(200, post("torrents/removeCategories", sid, "categories", "anime\ntv-sonarr").status());
        assertEquals("{}", get("torrents/categories", sid).body());
    }

    @Test
    public void badCategoryRequestsAreRefused() {
        String sid = login();
        post("torrents/createCategory", sid, "category", "tv");

        assertEquals(400, post("torrents/createCategory", sid, "category", "  ").status());
        assertEquals(400, post("torrents/createCategory", sid).status());
        ApiResponse duplicate = post("torrents/createCategory", sid, "category", "tv");
        assertEquals(409, duplicate.status());
        assertEquals("Category \"tv\" already exists", duplicate.body());
        assertEquals(409, post("torrents/createCategory", sid, "category", "x", "savePath", "/etc").status());
        assertEquals(400, post("torrents/editCategory", sid, "category", "").status());
        assertEquals(409, post("torrents/editCategory", sid, "category", "nope").status());
        assertEquals(409, post("torrents/editCategory", sid, "category", "tv", "savePath", "../x").status());
        assertEquals(Map.of("tv", "/downloads/tv"), jobs.categories());
    }

    // --- sync and transfer

    @Test
    public void maindataSendsDeltasAcrossRids() throws Exception {
        String sid = login();
        jobs.createCategory("tv", "");
        JsonNode full = json(get("sync/maindata", sid, "rid", "0"));
        assertTrue(full.get("full_update").asBoolean());
        assertEquals(0, full.get("torrents").size());
        assertTrue(full.get("categories").has("tv"));
        int rid = full.get("rid").asInt();
        assertTrue(rid > 0);

        jobs.add(FakeJobs.episode(1, "A"), new AddOptions("tv", "", false, List.of("x"), ShareLimits.DEFAULT));
        JsonNode added = json(get("sync/maindata", sid, "rid", String.valueOf(rid)));
        assertFalse(added.has("full_update"));
        assertEquals("queuedDL", added.get("torrents").get(H1).get("state").asText());
        assertEquals("x", added.get("tags").get(0).asText());

        clock.advance(Duration.ofSeconds(1));
        jobs.update(H1, j -> FakeJobs.progress(j, 500, 1000, 0, j.createdAt()));
        JsonNode changed = json(get("sync/maindata", sid, "rid", added.get("rid").asText()));
        JsonNode delta = changed.get("torrents").get(H1);
        assertEquals(0.5, delta.get("progress").asDouble(), 0);
        assertEquals("downloading", delta.get("state").asText());
        assertFalse("unchanged fields are left out", delta.has("name"));
        assertFalse(delta.has("category"));

        jobs.delete(List.of(H1), false);
        jobs.removeCategories(List.of("tv"));
        JsonNode removed = json(get("sync/maindata", sid, "rid", changed.get("rid").asText()));
        assertEquals(H1, removed.get("torrents_removed").get(0).asText());
        assertEquals("tv", removed.get("categories_removed").get(0).asText());
        assertEquals("x", removed.get("tags_removed").get(0).asText());

        JsonNode stale = json(get("sync/maindata", sid, "rid", String.valueOf(rid)));
        assertTrue(stale.get("full_update").asBoolean());
        assertTrue(stale.get("rid").asInt() > removed.get("rid").asInt());
    }

    @Test
    public void eachSessionHasItsOwnRid() {
        String a = login();
        String b = login();
        int ridA = json(get("sync/maindata", a)).get("rid").asInt();

        JsonNode forB = json(get("sync/maindata", b, "rid", String.valueOf(ridA)));

        assertTrue("b was never sent rid " + ridA, forB.get("full_update").asBoolean());
    }

    @Test
    public void transferInfoAddsUpTheSpeeds() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());
        jobs.add(FakeJobs.episode(2, "B"), AddOptions.defaults());
        jobs.update(H1, j -> FakeJobs.progress(j, 100, 1000, 30, clock.instant()));
        jobs.update(H2, j -> FakeJobs.progress(j, 200, 1000, 12, clock.instant()));

        JsonNode info = json(get("transfer/info", sid));

        assertEquals(42, info.get("dl_info_speed").asLong());
        assertEquals(300, info.get("dl_info_data").asLong());
        assertEquals("connected", info.get("connection_status").asText());
    }

    // --- share limits, queue, force start

    @Test
    public void shareLimitsGivenOnAddAreReflected() {
        String sid = login();

        post("torrents/add", sid, "urls", FakeJobs.magnet(1, "A"), "ratioLimit", "1.5", "seedingTimeLimit", "60",
                "sequentialDownload", "true", "firstLastPiecePrio", "false", "contentLayout", "Original",
                "autoTMM", "false", "useAutoTMM", "false");

        JsonNode t = json(get("torrents/info", sid)).get(0);
        assertEquals(1.5, t.get("ratio_limit").asDouble(), 0);
        assertEquals(60, t.get("seeding_time_limit").asInt());
        assertEquals(-2, t.get("inactive_seeding_time_limit").asInt());
    }

    @Test
    public void setShareLimitsChangesTheLimitsAndRefusesNonsense() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        assertEquals(200, post("torrents/setShareLimits", sid, "hashes", H1, "ratioLimit", "2", "seedingTimeLimit",
                "-2").status());
        assertEquals(2.0, json(get("torrents/info", sid)).get(0).get("ratio_limit").asDouble(), 0);

        ApiResponse bad = post("torrents/setShareLimits", sid, "hashes", H1, "ratioLimit", "lots", "seedingTimeLimit",
                "-2");
        assertEquals(400, bad.status());
        assertTrue(bad.body(), bad.body().contains("ratioLimit"));
        assertEquals(400, post("torrents/setShareLimits", sid, "hashes", H1, "ratioLimit", "-5", "seedingTimeLimit",
                "-2").status());
        assertEquals(400, post("torrents/setShareLimits", sid, "hashes", H1, "seedingTimeLimit", "-2").status());
        assertEquals(2.0, json(get("torrents/info", sid)).get(0).get("ratio_limit").asDouble(), 0);
    }

    @Test
    public void addWithABadLimitIsRefusedAndStoresNothing() {
        ApiResponse r = post("torrents/add", login(), "urls", FakeJobs.magnet(1, "A"), "ratioLimit", "1,5");

        assertEquals(400, r.status());
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void priorityMovesGoToTheJobs() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());

        for (String method : List.of("topPrio", "bottomPrio", "increasePrio", "decreasePrio")) {
            assertEquals(method, 200, post("torrents/" + method, sid, "hashes", H1).status());
            assertEquals(method, 405, get("torrents/" + method, sid, "hashes", H1).status());
        }
        assertEquals(List.of("TOP " + H1, "BOTTOM " + H1, "UP " + H1, "DOWN " + H1), jobs.moves);
    }

    @Test
    public void thePriorityIsTheQueuePlace() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());
        jobs.add(FakeJobs.episode(2, "B"), AddOptions.defaults());
        jobs.update(H2, j -> j.withQueue(-1, false, j.updatedAt()));

        JsonNode info = json(get("torrents/info", sid));

        assertEquals(2, info.get(0).get("priority").asInt());
        assertEquals(1, info.get(1).get("priority").asInt());
    }

    @Test
    public void setForceStartForcesTheDownload() throws Exception {
        String sid = login();
        jobs.add(FakeJobs.episode(1, "A"), AddOptions.defaults());
        jobs.update(H1, j -> FakeJobs.progress(j, 100, 1000, 30, clock.instant()));

        assertEquals(200, post("torrents/setForceStart", sid, "hashes", H1, "value", "True").status());

        JsonNode t = json(get("torrents/info", sid)).get(0);
        assertTrue(t.get("force_start").asBoolean());
        assertEquals("forcedDL", t.get("state").asText());
        assertEquals(400, post("torrents/setForceStart", sid, "hashes", H1).status());
    }
}
