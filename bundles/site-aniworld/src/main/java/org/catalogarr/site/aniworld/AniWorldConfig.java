package org.catalogarr.site.aniworld;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Catalogarr site: AniWorld", description = "The AniWorld catalogue (https://aniworld.to): whether Catalogarr uses it and how.")
@interface AniWorldConfig {

    @AttributeDefinition(name = "Enabled", description = "Search and download from AniWorld.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Display name", description = "Name shown in logs, the console and release names.")
    String display__name() default "AniWorld";

    @AttributeDefinition(name = "Base URL",
            description = "Root of the site. HTTPS, or plain HTTP for a host listed under 'Plain HTTP hosts'.")
    String base__url() default "https://aniworld.to";

    @AttributeDefinition(name = "Search priority",
            description = "Order of this site's results in a merged search, lowest first. Unique among enabled sites.",
            min = "1")
    int search__priority() default 1;

    @AttributeDefinition(name = "Default languages", description = "Languages to prefer, most wanted first, comma-separated, from: german-dub, german-sub, english-sub, english-dub.")
    String default__languages() default "german-dub, german-sub, english-sub";

    @AttributeDefinition(name = "Search timeout (seconds)", description = "Budget of one request to AniWorld.", min = "1",
            max = "300")
    int search__timeout__seconds() default 10;

    @AttributeDefinition(name = "Plain HTTP hosts",
            description = "Comma-separated hosts that may be reached without TLS, such as a local test site on 127.0.0.1.")
    String plain__http__hosts() default "";

    @AttributeDefinition(name = "Index URL",
            description = "Page listing every series of AniWorld: a path on the base URL or a full URL.")
    String index__url() default "/animes-alphabet";

    @AttributeDefinition(name = "Index refresh (hours)",
            description = "How long the fetched title index stays fresh before it is fetched again.", min = "1")
    int index__refresh__hours() default 24;

    @AttributeDefinition(name = "Availability TTL (hours)",
            description = "How long the languages seen on an episode page are trusted before the page is asked again.",
            min = "1")
    int availability__ttl__hours() default 6;

    @AttributeDefinition(name = "User agent", description = "Browser User-Agent sent to AniWorld.")
    String user__agent() default "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @AttributeDefinition(name = "Back-off after a challenge (seconds)",
            description = "How long to leave AniWorld alone after it answered with a captcha or anti-bot page.", min = "0")
    int challenge__backoff__seconds() default 300;

    @AttributeDefinition(name = "Anime catalogue",
            description = "Whether the site offers anime: its releases are then listed under TV/Anime rather than TV/HD.")
    boolean anime() default true;
}
