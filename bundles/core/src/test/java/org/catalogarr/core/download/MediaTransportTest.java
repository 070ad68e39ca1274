package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** How media bodies come off the network: memory that does not grow with the file, interrupts, cut bodies. */
public class MediaTransportTest {

    private static final int BODY_BYTES = 64 * 1024 * 1024;
    private static final String SERVER_THREAD = "media-transport-test-server";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FakeMp4Host host = new FakeMp4Host();
    private HttpServer server;
    private ExecutorService serverThreads;

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private TargetFolder target() throws IOException {
        Path folder = temp.getRoot().toPath().toRealPath();
        return new TargetFolder(folder, folder);
    }

    @Test
    public void aDownloadAllocatesFarLessThanTheFileItWrites() throws Exception {
        byte[] body = new byte[BODY_BYTES];
        new Random(7).nextBytes(body);
        URI uri = serve(body);
        Mp4Fetcher fetcher = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(10)));
        // Warm up, so that class loading and the connection cache do not count.
        fetcher.fetch(new MediaSource(uri, Map.of(), MediaSource.Kind.MP4), target(), "Warm S01E01", "test",
                (done, total, speed) -> { });

        Map<Long, Long> before = allocatedByThread();
        Path file = fetcher.fetch(new MediaSource(uri, Map.of(), MediaSource.Kind.MP4), target(), "Show S01E01", "test",
                (done, total, speed) -> { });
        long allocated = allocatedSince(before);

        assertArrayEquals(body, Files.readAllBytes(file));
        // The JDK's HTTP client allocated the file's size again in buffers; reused arrays allocate a few KiB.
        assertTrue("allocated " + allocated + " bytes for a download of " + BODY_BYTES, allocated < BODY_BYTES / 16);
    }

    @Test
    public void anInterruptEndsTheWaitForASilentServerAtOnce() throws Exception {
        Mp4Fetcher fetcher = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(60)), new Retries(3,
                Duration.ofMillis(10)));
        CountDownLatch flowing = new CountDownLatch(1);
        FutureTask<Path> download = new FutureTask<>(() -> fetcher.fetch(new MediaSource(host.mediaUrl("stalling"),
                Map.of("Referer", host.baseUrl() + "/"), MediaSource.Kind.MP4), target(), "Show S01E01", "VOE 1",
                (done, total, speed) -> flowing.countDown()));
        Thread thread = new Thread(download, "interrupted download");
        thread.start();
        assertTrue("bytes arrived", flowing.await(10, TimeUnit.SECONDS));
        // The server has fallen silent with the connection open; a plain blocking read would wait out the 60 s.
        Thread.sleep(300);

        long interruptedAt = System.nanoTime();
        thread.interrupt();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - interruptedAt) / 1e9;

        // Not a stalled transfer to retry: the job was stopped, and its part file is kept for a resume.
        assertTrue(failure.getCause().toString(), failure.getCause() instanceof InterruptedException);
        assertTrue("ended " + seconds + " s after the interrupt", seconds < 5);
        assertEquals("no retry after the interrupt", 1, host.requests().stream()
                .filter(request -> request.contains("/stalling")).count());
        assertTrue(Files.exists(temp.getRoot().toPath().resolve("Show S01E01.mp4.part")));
    }

    @Test
    public void aBodyCutBeforeItsAnnouncedLengthIsResumedNotTakenAsTheFile() throws Exception {
        Mp4Fetcher fetcher = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5)), new Retries(2,
                Duration.ofMillis(10)));

        Path file = fetcher.fetch(new MediaSource(host.mediaUrl("dropping"), Map.of("Referer", host.baseUrl() + "/"),
                MediaSource.Kind.MP4), target(), "Show S01E01", "VOE 1", (done, total, speed) -> { });

        assertArrayEquals(FakeMp4Host.content("dropping"), Files.readAllBytes(file));
        assertEquals(2, host.requests().stream().filter(request -> request.contains("/dropping")).count());
    }

    @Test
    public void theHostersOriginHeaderIsSentAndAHostHeaderRefused() throws Exception {
        byte[] body = new byte[1000];
        Map<String, String> received = new java.util.concurrent.ConcurrentHashMap<>();
        URI uri = serve(body, received);
        Mp4Fetcher fetcher = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5)));

        fetcher.fetch(new MediaSource(uri, Map.of("Origin", "https://hoster.example", "Referer",
                "https://hoster.example/e/1"), MediaSource.Kind.MP4), target(), "Show S01E01", "test", (d, t, s) -> { });
        UnusableMediaException host = assertThrows(UnusableMediaException.class, () -> fetcher.fetch(new MediaSource(
                uri, Map.of("Host", "elsewhere.example"), MediaSource.Kind.MP4), target(), "Show S01E02", "test",
                (d, t, s) -> { }));

        assertEquals("https://hoster.example", received.get("Origin"));
        assertEquals("https://hoster.example/e/1", received.get("Referer"));
        assertTrue(host.getMessage(), host.getMessage().contains("Host"));
    }

    @Test
    public void hlsSegmentsReadToTheirAnnouncedEndKeepTheirConnection() throws Exception {
        int segments = 12;
        byte[] segment = new byte[300 * 1024];
        new Random(3).nextBytes(segment);
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:4\n");
        for (int index = 0; index < segments; index++) {
            playlist.append("#EXTINF:4.0,\nseg").append(index).append(".ts\n");
        }
        playlist.append("#EXT-X-ENDLIST\n");
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        URI uri = serve("/hls/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            return exchange.getRequestURI().getPath().endsWith(".m3u8")
                    ? playlist.toString().getBytes(StandardCharsets.UTF_8) : segment;
        }).resolve("index.m3u8");
        HlsFetcher fetcher = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(10)), new Retries(1,
                Duration.ofMillis(10)), 1, new Remuxer(Remuxer.Container.TS, "ffmpeg", Duration.ofMinutes(1)));

        Path file = fetcher.fetch(new MediaSource(uri, Map.of(), MediaSource.Kind.HLS), target(), "Show S01E01", "test",
                (done, total, speed) -> { });

        assertEquals(segments * (long) segment.length, Files.size(file));
        // One fetcher: the playlist and every segment over one or two connections, not one each.
        assertTrue("connections from ports " + clientPorts, clientPorts.size() <= 2);
    }

    private URI serve(byte[] body) throws IOException {
        return serve(body, new HashMap<>());
    }

    private URI serve(byte[] body, Map<String, String> received) throws IOException {
        return serve("/media.mp4", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> received.put(name, values.get(0)));
            return body;
        });
    }

    /** The whole answer to a request, read from the exchange. */
    @FunctionalInterface
    private interface Answer {
        byte[] to(HttpExchange exchange) throws IOException;
    }

    /** Serves the path (and below it) with status 200 and the answer's bytes; returns the path's URI. */
    private URI serve(String path, Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, SERVER_THREAD));
        server.setExecutor(serverThreads);
        server.createContext(path, exchange -> {
            byte[] body = answer.to(exchange);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** What each thread allocated so far, but the test server's (its dispatcher and handlers). */
    private static Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && !info.getThreadName().equals(SERVER_THREAD)
                    && !info.getThreadName().startsWith("HTTP-Dispatcher")) {
                allocated.put(info.getThreadId(), threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return allocated;
    }

    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }
}
