package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * After the distribution's bundles have started (both sites deployed and enabled), Declarative Services has
 * left no component of Catalogarr's unsatisfied or failed, and the components that must run from the start
 * are active without anyone having asked for them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StartupComponentsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Must run from the start: the job resumer and the title-index refresher. */
    private static final List<String> IMMEDIATE = List.of("org.catalogarr.core.jobs.JobService",
            "org.catalogarr.core.catalogue.TitleIndex", "org.catalogarr.core.health.StartupGate");

    @Inject
    private ServiceComponentRuntime runtime;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        PaxDistribution distribution = new PaxDistribution("startup-components-data");
        FakeCatalogues.startAndConfigure(distribution.config, distribution.config, true);
        return distribution.options();
    }

    @Test
    public void noComponentIsLeftUnsatisfiedAndTheImmediateOnesRun() throws Exception {
        Http http = new Http(Integer.parseInt(System.getProperty(PaxDistribution.PORT_PROPERTY)));
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && Http.listed(h, "aniworld")
                && Http.listed(h, "sto"), WAIT);

        Map<String, String> notWorking = new TreeMap<>();
        List<String> active = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (!description.name.startsWith("org.catalogarr.")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.ACTIVE -> active.add(description.name);
                    case ComponentConfigurationDTO.SATISFIED -> { }
                    default -> notWorking.put(description.name, state(configuration));
                }
            }
        }
        assertEquals("components that are not satisfied", Map.of(), notWorking);
        for (String name : IMMEDIATE) {
            assertTrue(name + " is active from the start: " + active, active.contains(name));
        }
    }

    /**
     * The warm-up (one-time initialisations on a thread of its own) resolved and started at start level 1, before
     * the platform and the core, and its thread has done its work and ended.
     */
    @Test
    public void theWarmUpStartsFirstAndItsThreadEnds() throws Exception {
        Http http = new Http(Integer.parseInt(System.getProperty(PaxDistribution.PORT_PROPERTY)));
        http.awaitHealth(h -> Http.listed(h, "aniworld") && Http.listed(h, "sto"), WAIT);
        Bundle warmUp = Arrays.stream(context.getBundles())
                .filter(b -> "org.catalogarr.warm-up".equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no warm-up bundle installed"));
        assertEquals("warm-up state", Bundle.ACTIVE, warmUp.getState());
        assertEquals("warm-up start level", 1, warmUp.adapt(BundleStartLevel.class).getStartLevel());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("catalogarr-warm-up"))) {
            assertTrue("the warm-up thread still runs after " + WAIT, System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Derby's JMX management is left out of its bundle: booting the database must not start an MBean server for
     * Derby's MBeans (the platform server and the JDK's MBeans cost start-up time and memory, and nobody reads them).
     */
    @Test
    public void theDatabaseBootsWithoutRegisteringMBeans() throws Exception {
        Http http = new Http(Integer.parseInt(System.getProperty(PaxDistribution.PORT_PROPERTY)));
        http.awaitHealth(h -> "up".equals(h.path("database").path("status").asText()), WAIT);
        for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
            assertEquals("Derby's MBeans in " + server, Set.of(),
                    server.queryNames(new ObjectName("org.apache.derby:*"), null));
        }
    }

    private static String state(ComponentConfigurationDTO configuration) {
        String reason = switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation: " + configuration.failure;
            default -> "state " + configuration.state;
        };
        List<String> missing = new ArrayList<>();
        if (configuration.unsatisfiedReferences != null) {
            for (var reference : configuration.unsatisfiedReferences) {
                missing.add(reference.name + " " + reference.target);
            }
        }
        return missing.isEmpty() ? reason : reason + " " + missing;
    }
}
