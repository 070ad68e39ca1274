package org.catalogarr.settings;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

public class SettingsTest {

    @interface Example {
        long session__timeout() default 3600;

        int workers() default 2;

        boolean enabled() default true;

        String name() default "admin";

        String[] hosts() default {};
    }

    private static final String PID = "org.catalogarr.example";
    private static final SettingsRules RULES = SettingsRules.none()
            .range("session_timeout", 1, 86400)
            .range("workers", 1, 16)
            .check("name", name -> !name.toString().isBlank(), "must not be empty");

    private final Settings settings = new Settings();

    @Test
    public void readsTextValuesAsTheAttributesTypes() {
        Example example = settings.apply(PID, Example.class, RULES,
                Map.of("session_timeout", " 60 ", "workers", "4", "enabled", "FALSE", "hosts", "a.lan, b.lan,"));

        assertEquals(60, example.session__timeout());
        assertEquals(4, example.workers());
        assertEquals(false, example.enabled());
        assertEquals("admin", example.name());
        assertArrayEquals(new String[] {"a.lan", "b.lan"}, example.hosts());
        assertEquals(Map.of(), settings.problems());
    }

    @Test
    public void takesTypedValuesAsTheConsoleSendsThem() {
        Example example = settings.apply(PID, Example.class, RULES,
                Map.of("session_timeout", 90L, "workers", 3, "enabled", Boolean.TRUE, "hosts", new String[] {"x"}));

        assertEquals(90, example.session__timeout());
        assertEquals(3, example.workers());
        assertArrayEquals(new String[] {"x"}, example.hosts());
    }

    @Test
    public void refusesAChangeWithABadValueAsAWholeAndKeepsThePreviousSettings() {
        settings.apply(PID, Example.class, RULES, Map.of("session_timeout", "60", "workers", "4"));

        Example kept = settings.apply(PID, Example.class, RULES,
                Map.of("session_timeout", "abc", "workers", "0", "name", " "));

        assertEquals(60, kept.session__timeout());
        assertEquals(4, kept.workers());
        assertEquals(List.of("name must not be empty, was ' '", "session_timeout must be a whole number, was 'abc'",
                "workers must be between 1 and 16, was 0"),
                settings.problems().get(PID).stream().sorted().toList());
    }

    @Test
    public void usesTheDefaultsWhenTheFirstSettingsAreBad() {
        Example example = settings.apply(PID, Example.class, RULES, Map.of("session_timeout", "-6", "workers", "8"));

        assertEquals(3600, example.session__timeout());
        assertEquals(2, example.workers());
        assertEquals(List.of("session_timeout must be between 1 and 86400, was -6"), settings.problems().get(PID));
    }

    @Test
    public void aFixedConfigurationClearsItsProblems() {
        settings.apply(PID, Example.class, RULES, Map.of("enabled", "yes"));
        assertTrue(settings.problems().containsKey(PID));

        Example fixed = settings.apply(PID, Example.class, RULES, Map.of("enabled", "false", "workers", "5"));

        assertEquals(5, fixed.workers());
        assertEquals(Map.of(), settings.problems());
    }

    @Test
    public void refusesNumbersTooLargeForTheirType() {
        settings.apply(PID, Example.class, RULES, Map.of("workers", "99999999999"));

        assertEquals(List.of("workers is too large, was '99999999999'"), settings.problems().get(PID));
    }

    @Test
    public void namesPropertiesByTheOsgiRules() {
        assertEquals("session_timeout", TypedSettings.propertyName("session__timeout"));
        assertEquals("a.b", TypedSettings.propertyName("a_b"));
        assertEquals("max-age", TypedSettings.propertyName("max$_$age"));
    }

    @Test
    public void keepsSecretsOutOfTheTextOfTheSettings() {
        Secret secret = settings.apply(PID, Secret.class, SettingsRules.none(), Map.of("password", "hunter2"));

        assertEquals("hunter2", secret.password());
        assertTrue(secret.toString(), !secret.toString().contains("hunter2"));
    }

    @interface Secret {
        String password() default "";
    }

    enum Mode {
        MAGNET, TORRENT
    }

    @interface Plain {
        int limit();

        String name();

        Mode mode() default Mode.MAGNET;
    }

    @Test
    public void givesAttributesWithoutDefaultTheEmptyValueAndReadsEnums() {
        Plain plain = settings.apply(PID, Plain.class, SettingsRules.none(), Map.of("mode", "torrent"));

        assertEquals(0, plain.limit());
        assertEquals("", plain.name());
        assertEquals(Mode.TORRENT, plain.mode());
    }

    @Test
    public void refusesAnUnknownEnumValue() {
        settings.apply(PID, Plain.class, SettingsRules.none(), Map.of("mode", "bittorrent"));

        assertEquals(List.of("mode must be one of [MAGNET, TORRENT], was 'bittorrent'"), settings.problems().get(PID));
    }

    @Test
    public void checksAChangeByTheRulesOfItsReadersWithoutApplyingIt() {
        assertEquals("rules unknown before a component read the PID", Optional.empty(),
                settings.check(PID, Map.of("workers", "99")));
        Example inForce = settings.apply(PID, Example.class, RULES, Map.of("workers", "4"));

        assertEquals(Optional.of(List.of()), settings.check(PID, Map.of("workers", "8")));
        assertEquals(Set.of("workers must be between 1 and 16, was 99", "name must not be empty, was ' '"),
                Set.copyOf(settings.check(PID, Map.of("workers", "99", "name", " ")).orElseThrow()));
        assertEquals("checking applies nothing", 4, inForce.workers());
        assertEquals(Map.of(), settings.problems());
        assertEquals(Optional.empty(), settings.check("org.catalogarr.other", Map.of("workers", "99")));
    }
}
