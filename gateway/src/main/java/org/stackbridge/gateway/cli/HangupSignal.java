package org.stackbridge.gateway.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.port.ConfigurationReload;

/**
 * {@code kill -HUP <pid>} reloads the configuration of {@code serve} and {@code demo}. The JVM's own handling of HUP
 * runs the shutdown hooks and stops the process (HUP is one of its "terminate" signals), so the handler is replaced
 * here with {@code sun.misc.Signal} (module {@code jdk.unsupported}: the only JDK API for it, supported on Java 17 and
 * later). The reload runs on a thread of its own ({@code reload}), one at a time; signals arriving meanwhile queue behind
 * it, and its outcome, a refusal included, goes to the log. A JVM started with {@code -Xrs} or with HUP ignored (under
 * {@code nohup}) cannot take HUP: start-up says so, and {@code bin/stackbridge reload} or the API still reload.
 */
final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Installs the handler; call it before the gateway starts, so that a HUP arriving during start-up (e.g. a
     * {@code systemctl reload} right after {@code start}) is ignored with a line in the log instead of stopping the
     * process. {@code reload} answers null until the gateway has started. Returns false (and logs why) when HUP cannot
     * be taken.
     */
    static boolean install(java.util.function.Supplier<ConfigurationReload> reload) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reload");
            t.setDaemon(true);
            return t;
        });
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                try {
                    worker.execute(() -> run(reload));
                } catch (RejectedExecutionException e) {
                    LOG.warn("SIGHUP ignored: the gateway is stopping");
                }
            });
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot reload the configuration here ({}); use bin/stackbridge reload or POST /api/v1/admin/reload",
                    e.getMessage());
            worker.shutdown();
            return false;
        }
    }

    private static void run(java.util.function.Supplier<ConfigurationReload> gateway) {
        ConfigurationReload reload = gateway.get();
        if (reload == null) {
            LOG.warn("SIGHUP ignored: the gateway is still starting; send it again once it has started");
            return;
        }
        LOG.info("SIGHUP: reloading the configuration");
        try {
            reload.reload(Channel.SYSTEM, "SIGHUP");
        } catch (ConfigurationReload.Invalid | ConfigurationReload.Failed e) {
            // the reloader logged the reason with file and line; nothing was changed
            LOG.debug("SIGHUP reload refused", e);
        } catch (RuntimeException e) {
            LOG.error("SIGHUP reload failed", e);
        }
    }
}
