package org.catalogarr.site.aniworld;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.net.URI;

import org.junit.Test;

public class AniWorldUrlsTest {

    private final AniWorldUrls urls = new AniWorldUrls(URI.create("https://aniworld.to"));

    @Test
    public void buildsTheSitesPaths() {
        assertEquals(URI.create("https://aniworld.to/anime/stream/attack-on-titan"), urls.series("attack-on-titan"));
        assertEquals(URI.create("https://aniworld.to/anime/stream/attack-on-titan/staffel-2"),
                urls.season("attack-on-titan", 2));
        assertEquals(URI.create("https://aniworld.to/anime/stream/attack-on-titan/staffel-2/episode-5"),
                urls.episode("attack-on-titan", 2, 5));
        assertEquals(URI.create("https://aniworld.to/ajax/search"), urls.search());
    }

    @Test
    public void seasonZeroIsTheMoviesPage() {
        assertEquals(URI.create("https://aniworld.to/anime/stream/attack-on-titan/filme"), urls.season("attack-on-titan", 0));
        assertEquals(URI.create("https://aniworld.to/anime/stream/attack-on-titan/filme/film-2"),
                urls.episode("attack-on-titan", 0, 2));
    }

    @Test
    public void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> urls.series("../redirect/1"));
        assertThrows(IllegalArgumentException.class, () -> urls.series("Attack on Titan"));
        assertThrows(IllegalArgumentException.class, () -> urls.series(null));
        assertThrows(IllegalArgumentException.class, () -> urls.season("attack-on-titan", -1));
        assertThrows(IllegalArgumentException.class, () -> urls.episode("attack-on-titan", 1, 0));
    }
}
