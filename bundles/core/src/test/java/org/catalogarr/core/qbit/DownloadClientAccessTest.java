package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Optional;

import org.junit.Test;

public class DownloadClientAccessTest {

    private static QbitApiServlet.Config config(String password) {
        return new QbitApiServlet.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return QbitApiServlet.Config.class;
            }

            @Override
            public String username() {
                return "sonarr";
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public long session__timeout() {
                return 3600;
            }

            @Override
            public long ban__duration() {
                return 3600;
            }

            @Override
            public String server__domains() {
                return "";
            }
        };
    }

    @Test
    public void withoutAPasswordOnlyThisMachineIsServedAndItSaysSo() {
        DownloadClientAccess access = new DownloadClientAccess();
        access.configure(config(""));

        assertEquals("loopback_only", access.state().authentication());
        assertTrue(access.state().warning().orElseThrow().contains("org.catalogarr.qbit"));
    }

    @Test
    public void aPasswordOpensTheApiToWhoKnowsIt() {
        DownloadClientAccess access = new DownloadClientAccess();
        access.configure(config("s3cret"));
        assertEquals(new DownloadClientAccess.State("password", Optional.empty()), access.state());

        access.configure(config(""));
        assertEquals("a change of the configuration is followed", "loopback_only", access.state().authentication());
    }
}
