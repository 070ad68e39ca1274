package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

public class TorrentViewTest {

    private static final Instant ADDED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T10:10:00Z");
    private static final String HASH = "CBC2F069FE8BB2F544EAE707D75BCD3DE9DCF951";

    private static DownloadJob job(JobStatus status, long done, Optional<Long> total, double speed,
            Optional<String> file, Optional<Instant> completed) {
        return new DownloadJob("j1", HASH, "Series.Title.S01E02.German.DL.1080p.WEB.h264-CTA", "sto", "series", 1, 2,
                Language.GERMAN_DUB, "{\"site\":\"sto\",\"episode\":2}", status, done, total, speed, Optional.empty(),
                "tv-sonarr", List.of("a", "b"), "/downloads/tv-sonarr", file, ADDED, NOW.minusSeconds(5), completed,
                ShareLimits.DEFAULT, 1, false);
    }

    private static String state(JobStatus status) {
        return TorrentView.state(job(status, 0, Optional.empty(), 0, Optional.empty(), Optional.empty()));
    }

    @Test
    public void mapsEveryStatusToAQbittorrentState() {
        assertEquals("queuedDL", state(JobStatus.QUEUED));
        assertEquals("downloading", state(JobStatus.DOWNLOADING));
        assertEquals("pausedDL", state(JobStatus.PAUSED));
        assertEquals("pausedUP", state(JobStatus.COMPLETED));
        assertEquals("error", state(JobStatus.FAILED));
        assertEquals("pausedDL", state(JobStatus.CANCELLED));
    }

    @Test
    public void aForcedDownloadIsForcedDl() {
        DownloadJob forced = job(JobStatus.DOWNLOADING, 0, Optional.empty(), 0, Optional.empty(), Optional.empty())
                .withQueue(1, true, NOW);

        Map<String, Object> t = TorrentView.info(forced, 1, NOW);

        assertEquals("forcedDL", t.get("state"));
        assertEquals(true, t.get("force_start"));
    }

    @Test
    public void showsTheJobsOwnShareLimits() {
        DownloadJob limited = job(JobStatus.DOWNLOADING, 0, Optional.empty(), 0, Optional.empty(), Optional.empty())
                .withShareLimits(new ShareLimits(1.5, 60, -1), NOW);

        Map<String, Object> t = TorrentView.info(limited, 1, NOW);

        assertEquals(1.5, t.get("ratio_limit"));
        assertEquals(1.5, t.get("max_ratio"));
        assertEquals(60, t.get("seeding_time_limit"));
        assertEquals(60, t.get("max_seeding_time"));
        assertEquals(-1, t.get("inactive_seeding_time_limit"));
    }

    @Test
    public void describesADownloadInProgress() {
        Map<String, Object> t = TorrentView.info(job(JobStatus.DOWNLOADING, 250, Optional.of(1000L), 50.4,
                Optional.of("/downloads/tv-sonarr/Series.mkv.part"), Optional.empty()), 2, NOW);

        assertEquals(HASH.toLowerCase(), t.get("hash"));
        assertEquals("downloading", t.get("state"));
        assertEquals(0.25, t.get("progress"));
        assertEquals(1000L, t.get("size"));
        assertEquals(1000L, t.get("total_size"));
        assertEquals(750L, t.get("amount_left"));
        assertEquals(50L, t.get("dlspeed"));
        assertEquals(15L, t.get("eta"));
        assertEquals(-1L, t.get("completion_on"));
        assertEquals(2, t.get("priority"));
        assertEquals("a, b", t.get("tags"));
        assertEquals("tv-sonarr", t.get("category"));
        assertEquals(ADDED.getEpochSecond(), t.get("added_on"));
        assertEquals(600L, t.get("time_active"));
        assertEquals(-2.0, t.get("ratio_limit"));
        assertEquals(-2, t.get("seeding_time_limit"));
        assertEquals(-2, t.get("inactive_seeding_time_limit"));
        assertEquals("sto", t.get("catalogarr_source_site"));
        assertEquals(2, ((JsonNode) t.get("catalogarr_magnet_metadata")).get("episode").asInt());
    }

    @Test
    public void aCompletedJobIsAnImportableFinishedTorrent() {
        Instant done = NOW.minusSeconds(60);
        Map<String, Object> t = TorrentView.info(job(JobStatus.COMPLETED, 1000, Optional.of(1000L), 0,
                Optional.of("/downloads/tv-sonarr/Series.Title.S01E02.mkv"), Optional.of(done)), 0, NOW);

        assertEquals("pausedUP", t.get("state"));
        assertEquals(1.0, t.get("progress"));
        assertEquals(0L, t.get("amount_left"));
        assertEquals(0L, t.get("eta"));
        assertEquals(done.getEpochSecond(), t.get("completion_on"));
        assertEquals("/downloads/tv-sonarr/Series.Title.S01E02.mkv", t.get("content_path"));
        assertNotEquals(t.get("save_path"), t.get("content_path"));
        assertEquals(540L, t.get("time_active"));
        assertEquals("on the global limit", -2.0, (double) t.get("ratio_limit"), 0);
        assertEquals("whose ratio, 0, a finished download has met", 0.0, (double) t.get("max_ratio"), 0);
        assertTrue((double) t.get("ratio") >= (double) t.get("max_ratio") - 0.001);
    }

    @Test
    public void onlyARunningDownloadsActiveTimeGrows() {
        for (JobStatus waiting : List.of(JobStatus.QUEUED, JobStatus.PAUSED, JobStatus.FAILED, JobStatus.CANCELLED)) {
            DownloadJob job = job(waiting, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());

            Object before = TorrentView.info(job, 1, NOW).get("time_active");
            Object later = TorrentView.info(job, 1, NOW.plusSeconds(30)).get("time_active");

            assertEquals(waiting + " counts up to its last change", 595L, before);
            assertEquals(waiting + " stays put, so maindata sees no change", before, later);
        }
        DownloadJob running = job(JobStatus.DOWNLOADING, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
        assertEquals(630L, TorrentView.info(running, 1, NOW.plusSeconds(30)).get("time_active"));
    }

    @Test
    public void anUnknownSizeGivesTheUnknownEta() {
        Map<String, Object> t = TorrentView.info(job(JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(),
                Optional.empty()), 1, NOW);

        assertEquals(TorrentView.ETA_UNKNOWN, t.get("eta"));
        assertEquals(0L, t.get("size"));
        assertEquals(0L, t.get("dlspeed"));
        assertEquals("/downloads/tv-sonarr/Series.Title.S01E02.German.DL.1080p.WEB.h264-CTA", t.get("content_path"));
    }

    @Test
    public void everyFieldSonarrAndClientsReadIsPresentAndNotNull() {
        Map<String, Object> t = TorrentView.info(job(JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(),
                Optional.empty()), 1, NOW);

        for (String field : List.of("hash", "name", "size", "progress", "eta", "state", "category", "tags",
                "save_path", "content_path", "ratio", "ratio_limit", "seeding_time_limit",
                "inactive_seeding_time_limit", "last_activity", "added_on", "completion_on", "total_size",
                "amount_left", "dlspeed", "upspeed", "num_seeds", "num_leechs", "num_complete", "num_incomplete",
                "priority", "uploaded", "downloaded", "seeding_time", "magnet_uri", "availability", "time_active",
                "max_ratio", "max_seeding_time", "seen_complete", "completed", "dl_limit", "up_limit")) {
            assertNotNull(field, t.get(field));
        }
    }

    @Test
    public void metadataThatIsNotJsonIsKeptAsText() {
        DownloadJob j = job(JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
        DownloadJob odd = new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), 1, 2, j.language(),
                "site=sto", j.status(), 0, Optional.empty(), 0, Optional.empty(), "", List.of(), "/d", Optional.empty(),
                ADDED, ADDED, Optional.empty(), ShareLimits.DEFAULT, 1, false);

        assertEquals("site=sto", ((JsonNode) TorrentView.info(odd, 1, NOW).get("catalogarr_magnet_metadata")).asText());
    }

    @Test
    public void theFileNameIsRelativeToTheSavePath() {
        DownloadJob j = job(JobStatus.COMPLETED, 1000, Optional.of(1000L), 0,
                Optional.of("/downloads/tv-sonarr/Series/Ep.mkv"), Optional.of(NOW));

        List<Map<String, Object>> files = TorrentView.files(j);

        assertEquals(1, files.size());
        assertEquals("Series/Ep.mkv", files.get(0).get("name"));
        assertEquals(0, files.get(0).get("index"));
        assertEquals(1000L, files.get(0).get("size"));
        assertEquals(true, files.get(0).get("is_seed"));
        String content = (String) TorrentView.info(j, 0, NOW).get("content_path");
        assertTrue(content.startsWith(j.savePath() + "/Series"));
    }

    @Test
    public void aFileOutsideTheSavePathIsNamedByItsFileName() {
        DownloadJob j = job(JobStatus.COMPLETED, 1000, Optional.of(1000L), 0, Optional.of("/elsewhere/Ep.mkv"),
                Optional.of(NOW));

        assertEquals("Ep.mkv", TorrentView.files(j).get(0).get("name"));
    }

    /** Field names as qbittorrent-nox answers them (compare-with-qbittorrent.sh). */
    @Test
    public void namesHashesPathsAndPrivacyAsQbittorrentDoes() {
        DownloadJob j = job(JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
        for (Map<String, Object> view : List.of(TorrentView.info(j, 1, NOW), TorrentView.properties(j, NOW))) {
            assertEquals(HASH.toLowerCase(), view.get("infohash_v1"));
            assertEquals("", view.get("infohash_v2"));
            assertEquals("", view.get("download_path"));
        }
        Map<String, Object> p = TorrentView.properties(j, NOW);
        assertEquals("as the info dictionary of our .torrent files says", true, p.get("is_private"));
        assertFalse(p.containsKey("isPrivate"));
        assertEquals(true, TorrentView.info(j, 1, NOW).get("isPrivate"));
    }

    @Test
    public void propertiesCarryTheSavePathAndSeedingTime() {
        Map<String, Object> p = TorrentView.properties(job(JobStatus.DOWNLOADING, 600, Optional.of(1000L), 10,
                Optional.empty(), Optional.empty()), NOW);

        assertEquals("/downloads/tv-sonarr", p.get("save_path"));
        assertEquals(0, p.get("seeding_time"));
        assertEquals(600L, p.get("time_elapsed"));
        assertEquals(1L, p.get("dl_speed_avg"));
        assertEquals(40L, p.get("eta"));
        assertEquals(-1L, p.get("completion_date"));
    }
}
