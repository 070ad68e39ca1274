package org.catalogarr.core.health;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.core.store.Database;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service has finished starting: the database service is there, the Torznab and qBittorrent
 * servlets are registered (a client that waited for ready got 404s from them before, issue 12) and every
 * site bundle that lay in the hot-deploy folders when it started has registered its {@link CatalogueProvider}.
 * Until then {@code /health} says {@code starting}, so that a supervisor or container health check waits for a
 * service that can search every site. The database's open is not waited for: it runs on its own thread
 * beside the sites' registration, and what needs the database waits for it there ({@code Database}), so
 * Derby's boot and migrations stay off the path to ready (issue 12). A bundle
 * that never registers (broken, or its configuration file removed) must not keep it starting forever: after
 * {@link #GIVE_UP_AFTER} the gate opens anyway and names what is missing as a problem.
 *
 * <p>Which jars are site bundles is read from their manifests (bnd declares the {@code CatalogueProvider}
 * service a bundle's components provide), so core knows no site by name.
 */
@Component(service = StartupGate.class, immediate = true)
public class StartupGate {

    /** How long a start may take before the missing site bundles are reported as a problem. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    /** Where FileInstall hot-deploys from: a comma-separated list of folders (the start script sets it). */
    static final String DEPLOY_FOLDERS_PROPERTY = "felix.fileinstall.dir";

    private static final Logger LOG = LoggerFactory.getLogger(StartupGate.class);
    private static final String PROVIDER = CatalogueProvider.class.getName();
    /** The servlets a client of a ready service calls, by their whiteboard names, and how /health names them. */
    private static final Map<String, String> ENDPOINTS = Map.of("catalogarr-torznab", "torznab",
            "catalogarr-qbittorrent", "qbittorrent");

    /**
     * Where the start stands.
     *
     * @param state {@code starting}, {@code done}, or {@code incomplete} when it gave up waiting
     * @param waitingFor {@code database} while its service is not registered yet, {@code torznab} and
     *        {@code qbittorrent} while their servlets are not, and the symbolic names of the site bundles that
     *        have not registered yet
     * @param problem why the start is incomplete, or null
     */
    public record State(String state, List<String> waitingFor, String problem) {

        public boolean starting() {
            return "starting".equals(state);
        }
    }

    private final Set<String> expected;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    private final long startedNanos = System.nanoTime();
    private volatile boolean databaseThere;
    private volatile boolean done;

    @Activate
    public StartupGate(BundleContext context) {
        this(siteBundles(context.getProperty(DEPLOY_FOLDERS_PROPERTY)));
    }

    StartupGate(Set<String> expected) {
        this.expected = Set.copyOf(expected);
        LOG.info("Waiting for the site bundles {} to register their catalogues", this.expected);
    }

    /** Remembers every bundle that has registered a provider; one that goes away later does not reopen the start. */
    @Reference(service = CatalogueProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ServiceReference<CatalogueProvider> provider) {
        if (provider.getBundle() != null) {
            registered(provider.getBundle().getSymbolicName());
        }
    }

    /** The database service appears at once; it opens and migrates on a thread of its own. */
    @Reference(service = Database.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(ServiceReference<Database> database) {
        databaseOpened();
    }

    /** Like a provider, a database that closes later does not reopen the start; /health reports it as down. */
    void unbindDatabase(ServiceReference<Database> database) {
        // nothing to undo
    }

    void databaseOpened() {
        databaseThere = true;
    }

    /**
     * The HTTP whiteboard's view of what it serves: a servlet's service being registered is not enough, the
     * whiteboard maps it a moment later, and a client told "ready" in between got a 404.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile HttpServiceRuntime httpRuntime;

    /** Notes the Torznab and qBittorrent servlets the whiteboard serves; one leaving later does not reopen it. */
    private void lookForEndpoints() {
        HttpServiceRuntime runtime = httpRuntime;
        if (runtime == null || endpoints.size() == ENDPOINTS.size()) {
            return;
        }
        for (ServletContextDTO context : runtime.getRuntimeDTO().servletContextDTOs) {
            for (ServletDTO servlet : context.servletDTOs) {
                endpointRegistered(servlet.name);
            }
        }
    }

    void endpointRegistered(String servletName) {
        String label = servletName == null ? null : ENDPOINTS.get(servletName);
        if (label != null) {
            endpoints.add(label);
        }
    }

    /** Declarative Services wants an unbind for a dynamic reference; a provider leaving does not reopen the start. */
    void removeProvider(ServiceReference<CatalogueProvider> provider) {
        // nothing to undo
    }

    void registered(String symbolicName) {
        registered.add(symbolicName);
    }

    public State state() {
        return state(System.nanoTime() - startedNanos);
    }

    State state(long nanosSinceStart) {
        if (done) {
            return new State("done", List.of(), null);
        }
        lookForEndpoints();
        List<String> missing = new ArrayList<>();
        if (!databaseThere) {
            missing.add("database");
        }
        new TreeSet<>(ENDPOINTS.values()).stream().filter(e -> !endpoints.contains(e)).forEach(missing::add);
        expected.stream().sorted().filter(e -> !registered.contains(e)).forEach(missing::add);
        if (missing.isEmpty()) {
            done = true;
            LOG.info("The database service and the servlets are there and every site bundle has registered its"
                    + " catalogue: started");
            return new State("done", List.of(), null);
        }
        if (nanosSinceStart < GIVE_UP_AFTER.toNanos()) {
            return new State("starting", missing, null);
        }
        return new State("incomplete", missing, missing + " did not come up within " + GIVE_UP_AFTER.toSeconds()
                + " s of the start; see the log for why (a site bundle that does not resolve or lacks its"
                + " configuration file, a database that cannot open)");
    }

    /** The symbolic names of the jars in the deploy folders that provide a catalogue; unreadable jars are skipped. */
    static Set<String> siteBundles(String folders) {
        Set<String> names = new TreeSet<>();
        if (folders == null) {
            return names;
        }
        for (String folder : folders.split(",")) {
            if (folder.isBlank() || !Files.isDirectory(Path.of(folder.strip()))) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(folder.strip()), "[!.]*.jar")) {
                for (Path jar : jars) {
                    siteBundle(jar).ifPresent(names::add);
                }
            } catch (IOException e) {
                LOG.warn("Could not list the deploy folder {}: {}", folder, e.getMessage());
            }
        }
        return names;
    }

    private static Optional<String> siteBundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.empty();
            }
            Attributes main = manifest.getMainAttributes();
            String capabilities = main.getValue("Provide-Capability");
            String name = main.getValue("Bundle-SymbolicName");
            if (name == null || capabilities == null || !capabilities.contains(PROVIDER)) {
                return Optional.empty();
            }
            // The symbolic name may carry directives: "org.example.site;singleton:=true".
            return Optional.of(name.split(";", 2)[0].strip());
        } catch (IOException | SecurityException e) {
            LOG.warn("Could not read the manifest of {}: {}", jar, e.getMessage());
            return Optional.empty();
        }
    }
}
