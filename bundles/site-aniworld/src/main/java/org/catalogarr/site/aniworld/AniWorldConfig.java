package org.catalogarr.site.aniworld;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Catalogarr site: AniWorld", description = "The AniWorld catalogue (https://aniworld.to): whether Catalogarr uses it and how.")
@interface AniWorldConfig {

    @AttributeDefinition(name = "Enabled", description = "Search and download from AniWorld.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Display name", description = "Name shown in logs, the console and release names.")
    String display_name() default "AniWorld";

    @AttributeDefinition(name = "Base URL",
            description = "Root of the site. HTTPS, or plain HTTP for a host listed under 'Plain HTTP hosts'.")
    String base_url() default "https://aniworld.to";

    @AttributeDefinition(name = "Search priority",
            description = "Order of this site's results in a merged search, lowest first. Unique among enabled sites.",
            min = "1")
    int search_priority() default 1;

    @AttributeDefinition(name = "Default languages", description = "Languages to prefer on AniWorld, most wanted first.",
            options = {
                @Option(value = "german-dub", label = "German Dub (German audio)"),
                @Option(value = "german-sub", label = "German Sub (original audio, German subtitles)"),
                @Option(value = "english-sub", label = "English Sub (original audio, English subtitles)"),
                @Option(value = "english-dub", label = "English Dub (English audio)")
            })
    String[] default_languages() default {"german-dub", "german-sub", "english-sub"};

    @AttributeDefinition(name = "Search timeout (seconds)", description = "Budget of one request to AniWorld.", min = "1",
            max = "300")
    int search_timeout_seconds() default 10;

    @AttributeDefinition(name = "Plain HTTP hosts",
            description = "Hosts that may be reached without TLS, such as a local test site on 127.0.0.1.")
    String[] plain_http_hosts() default {};
}
