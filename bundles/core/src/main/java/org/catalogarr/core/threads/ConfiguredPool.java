package org.catalogarr.core.threads;

import java.util.Map;
import java.util.function.ToIntFunction;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * A pool sized by {@value ThreadsConfig#PID}: what {@link SearchPool} and {@link ProbePool} share. Each
 * component reads its own two settings of the shared PID and resizes its pool when they change, so a
 * change applies without a restart and without dropping the work in flight. The subclasses are the components;
 * their shared lifecycle methods are read from here (bnd's {@code -dsannotations-options: inherit}).
 */
abstract class ConfiguredPool {

    private final Settings settings;
    private final ToIntFunction<ThreadsConfig> threads;
    private final ToIntFunction<ThreadsConfig> queue;
    private final PoolSlot slot;

    ConfiguredPool(Settings settings, Map<String, Object> properties, String name, String settingNames,
            ToIntFunction<ThreadsConfig> threads, ToIntFunction<ThreadsConfig> queue) {
        this.settings = settings;
        this.threads = threads;
        this.queue = queue;
        ThreadsConfig config = read(properties);
        this.slot = new PoolSlot(name, settingNames + " in " + ThreadsConfig.PID, threads.applyAsInt(config),
                queue.applyAsInt(config));
    }

    @Modified
    final void resize(Map<String, Object> properties) {
        ThreadsConfig config = read(properties);
        slot.resize(threads.applyAsInt(config), queue.applyAsInt(config));
    }

    private ThreadsConfig read(Map<String, Object> properties) {
        return settings.apply(ThreadsConfig.PID, ThreadsConfig.class, ThreadsConfig.RULES, properties);
    }

    public BoundedPool pool() {
        return slot.pool();
    }

    @Deactivate
    final void close() {
        slot.close();
    }
}
