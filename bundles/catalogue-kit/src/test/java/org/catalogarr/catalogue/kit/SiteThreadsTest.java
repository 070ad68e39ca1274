package org.catalogarr.catalogue.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.junit.Test;

/** Site requests side by side on the shared, bounded threads, and a request whose caller stopped is aborted. */
public class SiteThreadsTest {

    @Test
    public void callsRunAtOnceOnNamedThreadsAndAnswerInOrder() throws Exception {
        Callable<String> slow = () -> {
            Thread.sleep(400);
            return Thread.currentThread().getName();
        };
        long started = System.nanoTime();

        List<SiteThreads.Outcome<String>> outcomes = SiteThreads.callAll(List.of(slow, slow, slow, () -> {
            throw new IllegalStateException("third");
        }));

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue("took " + millis + " ms", millis < 1_100);
        assertEquals(Thread.currentThread().getName(), outcomes.get(0).value());
        assertTrue(outcomes.get(1).value(), outcomes.get(1).value().matches("catalogarr-site-call-\\d+"));
        assertEquals("third", outcomes.get(3).failure().getMessage());
    }

    /**
     * A server that reads the request and never answers, as a hanging site does: when the searching thread
     * is interrupted, the request ends at once and its connection is closed, not left to its budget.
     */
    @Test
    public void anInterruptedRequestIsAbortedAndItsConnectionClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CountDownLatch asked = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            Thread site = new Thread(() -> {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    asked.countDown();
                    while (in.read() != -1) {
                        // The request, then nothing until the client closes.
                    }
                    closed.countDown();
                } catch (IOException e) {
                    closed.countDown();
                }
            });
            site.setDaemon(true);
            site.start();
            URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
            CatalogueSite settings = new CatalogueSite("test", "Test", base, 1, List.of(Language.GERMAN_DUB), true, 60,
                    Set.of("127.0.0.1"), 24, 6, false);
            SiteAccess access = new SiteAccess(URI.create("http://127.0.0.1/index"), "TestBrowser/1.0",
                    Duration.ofSeconds(60));
            AtomicReference<CatalogueException> failure = new AtomicReference<>();
            Thread search = new Thread(() -> {
                try {
                    new SiteHttp("test").get(settings, access, base.resolve("/hangs"));
                } catch (CatalogueException e) {
                    failure.set(e);
                }
            });
            search.start();
            assertTrue("the request reached the site", asked.await(10, TimeUnit.SECONDS));

            long interrupted = System.nanoTime();
            search.interrupt();
            search.join(5_000);

            assertTrue("the searching thread is free", !search.isAlive());
            assertTrue("freed after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted) + " ms",
                    System.nanoTime() - interrupted < TimeUnit.SECONDS.toNanos(2));
            assertEquals(Reason.TIMEOUT, failure.get().reason());
            assertTrue("the connection to the site was closed", closed.await(5, TimeUnit.SECONDS));
        }
    }
}
