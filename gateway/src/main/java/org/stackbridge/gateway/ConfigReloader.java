package org.stackbridge.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.port.ConfigurationReload;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.config.ConfigException;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.ConfigMapping;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.config.ReloadableSettings;
import org.stackbridge.gateway.notice.NoticeJob;
import org.stackbridge.gateway.notice.NoticeTemplates;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.server.NcipHttpHandler;
import org.stackbridge.sip2.server.Sip2Server;

/**
 * Reloads the running gateway's configuration from the source it was started with ({@link ConfigLoader.Source}: the
 * file, the environment, the {@code --set} flags), in three steps, so a reload applies all or nothing:
 * <ol>
 * <li><b>check</b>: read and validate the file, combine its reloadable settings ({@link ReloadableSettings}) with the
 * running ones and validate that again, load and render the notice templates; any problem ends the reload here with
 * file, line and key, and nothing has changed;</li>
 * <li><b>store</b>: in one database transaction, the configuration's libraries and SIP2 accounts (an account the
 * previous configuration defined and this one does not is disabled, and becomes editable), each change logged with its
 * before and after values in the caller's name, plus one {@code CONFIGURATION_RELOADED} event; the database's rules are
 * read in the same transaction; if it fails nothing has changed;</li>
 * <li><b>install</b> (cannot fail): the rule table, the SIP2 profiles, the NCIP agencies (a partner's new path is
 * mounted), the notice templates, and the SIP2 logins of removed, disabled or moved accounts ended at their next
 * message.</li>
 * </ol>
 * Settings that need a restart and differ are named in the answer and the log and not applied. One reload at a time.
 */
final class ConfigReloader implements ConfigurationReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);
    private static final long STORE_TIMEOUT_SECONDS = 30;

    private final Supplier<ConfigLoader.Loaded> running;
    private final Consumer<ConfigLoader.Loaded> install;
    private final TransactionRunner storage;
    private final Clock clock;
    private final Policies policies;
    private final TerminalProfileRegistry profiles;
    private final Supplier<Sip2Server> sip2;
    private final NcipHttpHandler ncip;
    private final Consumer<String> mountNcipPath;
    private final NoticeJob notices;
    private final Runnable libraryCacheRefresh;
    private final ConfigLoader loader = new ConfigLoader();

    /** What the gateway's parts are; see {@link Gateway}. */
    ConfigReloader(Supplier<ConfigLoader.Loaded> running, Consumer<ConfigLoader.Loaded> install, TransactionRunner storage, Clock clock,
                   Policies policies, TerminalProfileRegistry profiles, Supplier<Sip2Server> sip2, NcipHttpHandler ncip,
                   Consumer<String> mountNcipPath, NoticeJob notices, Runnable libraryCacheRefresh) {
        this.running = running;
        this.install = install;
        this.storage = storage;
        this.clock = clock;
        this.policies = policies;
        this.profiles = profiles;
        this.sip2 = sip2;
        this.ncip = ncip;
        this.mountNcipPath = mountNcipPath;
        this.notices = notices;
        this.libraryCacheRefresh = libraryCacheRefresh;
    }

    @Override
    public synchronized Result reload(Channel channel, String actor) {
        ConfigLoader.Loaded now = running.get();
        if (now.source() == null) {
            throw new Failed("this gateway was not started from a configuration it can read again", null);
        }
        // 1. check
        ConfigLoader.Loaded next;
        GatewayConfig merged;
        NoticeTemplates templates;
        try {
            next = loader.load(now.source());
            merged = ReloadableSettings.merged(loader.objectMapper(), now.config(), next);
        } catch (ConfigException e) {
            LOG.error("configuration reload refused, nothing changed: {}", e.getMessage());
            throw new Invalid(e.getMessage(), e.key(), e);
        }
        try {
            templates = NoticeTemplates.load(NoticeJob.templateDirectory(next));
        } catch (NoticeTemplates.TemplateException | java.io.UncheckedIOException e) {
            LOG.error("configuration reload refused, nothing changed: {}", e.getMessage());
            throw new Invalid(e.getMessage(), "notices.templates", e);
        }
        List<String> restart = ReloadableSettings.needingRestart(loader.objectMapper(), now.config(), next.config());
        NcipSettings ncipNow = ncip.settings();
        NcipSettings ncipNext = new NcipSettings(ncipNow.path(), ncipNow.maxBodyBytes(), merged.ncip().openMode(), merged.ncip().agencies(),
                merged.ncip().libraries(), merged.ncip().defaults(), ncipNow.currency(), ncipNow.workerThreads(), ncipNow.readTimeoutSeconds());
        List<String> changes = new ArrayList<>();
        changes.addAll(names("sip2.profiles", now.config().sip2().profiles(), merged.sip2().profiles()));
        changes.addAll(names("ncip.agencies", now.config().ncip().agencies(), merged.ncip().agencies()));
        if (!now.config().ncip().libraries().equals(merged.ncip().libraries()) || !now.config().ncip().defaults().equals(merged.ncip().defaults())
                || !now.config().ncip().openMode().equals(merged.ncip().openMode())) {
            changes.add("ncip: libraries, defaults or open-mode changed");
        }
        if (!now.config().policies().equals(merged.policies())) {
            changes.add("policies: " + merged.policies().size() + " rule(s), were " + now.config().policies().size());
        }

        // 2. store
        Stored stored;
        try {
            stored = storage.write(tx -> store(tx, now.config(), merged, channel, actor, changes, restart, next.file()))
                    .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while storing the configuration", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.error("configuration reload failed while storing accounts and libraries, nothing changed", e);
            throw new Failed("the database did not take the configuration's accounts and libraries", e);
        }

        // 3. install (nothing here can fail)
        policies.configure(merged, next.file(), stored.rules());
        profiles.reconfigure(merged.sip2().profiles(), merged.sip2().profile("default"));
        ncip.reconfigure(ncipNext);
        ncipNext.agencies().values().stream().map(a -> a.path()).filter(p -> p != null && !p.isBlank()).distinct().forEach(mountNcipPath);
        notices.templates(templates);
        Sip2Server listener = sip2.get();
        if (listener != null) {
            listener.accountChanges().ended(stored.ended());
            stored.reprofiled().forEach(listener.accountChanges()::reprofiled);
        }
        libraryCacheRefresh.run();
        install.accept(now.with(merged, next.lines()));

        Map<String, Integer> reloaded = new LinkedHashMap<>();
        reloaded.put("sip2_accounts", merged.sip2Accounts().size());
        reloaded.put("sip2_profiles", merged.sip2().profiles().size());
        reloaded.put("ncip_agencies", merged.ncip().agencies().size());
        reloaded.put("circulation_rules", merged.policies().size());
        reloaded.put("libraries", merged.libraries().size());
        reloaded.put("notice_templates", templates.files());
        Result result = new Result(next.file(), reloaded, stored.changes(), restart);
        LOG.info("{} (by {} via {})", result.summary(), actor, channel.name().toLowerCase(java.util.Locale.ROOT));
        if (!restart.isEmpty()) {
            LOG.warn("configuration: changed, needs a restart: {}", String.join(", ", restart));
        }
        return result;
    }

    /** What the store step did. */
    private record Stored(List<CirculationRule> rules, List<String> changes, Set<String> ended, Map<String, String> reprofiled) {
    }

    /** The database part of a reload, in one transaction; {@code changes} so far are completed with what it changes. */
    private Stored store(StoreTx tx, GatewayConfig before, GatewayConfig after, Channel channel, String actor, List<String> changesSoFar,
                         List<String> restart, String file) {
        List<String> changes = new ArrayList<>(changesSoFar);
        Set<String> ended = new LinkedHashSet<>();
        Map<String, String> reprofiled = new LinkedHashMap<>();
        boolean stored = false;

        Set<String> codes = new TreeSet<>();
        for (GatewayConfig.LibraryConfig l : after.libraries()) {
            Library next = ConfigMapping.library(l);
            Optional<Library> was = tx.libraries().find(l.code());
            codes.add(l.code());
            if (was.isEmpty() || !was.get().equals(next)) {
                tx.libraries().save(next);
                log(tx, channel, actor, EventType.LIBRARY_CHANGED, l.code(), "before=" + was.map(Object::toString).orElse("none") + " after=" + next);
                changes.add("libraries: " + (was.isEmpty() ? "added " : "changed ") + l.code());
                stored = true;
            }
            mark(tx, CodeKind.LIBRARY, l.code());
        }
        stored |= release(tx, CodeKind.LIBRARY, codes, code -> changes.add("libraries: " + code
                + " is no longer in the configuration (kept, now editable)"));

        Set<String> logins = new TreeSet<>();
        for (GatewayConfig.AccountConfig a : after.sip2Accounts()) {
            TerminalAccount next = ConfigMapping.account(a);
            Optional<TerminalAccount> was = tx.accounts().find(a.login());
            logins.add(a.login());
            if (was.isEmpty() || !was.get().equals(next)) {
                tx.accounts().save(next);
                accountChanged(tx, channel, actor, was.orElse(null), next);
                changes.add("sip2-accounts: " + (was.isEmpty() ? "added " : "changed ") + a.login());
                stored = true;
                if (was.isPresent() && was.get().enabled() && !was.get().institution().equals(next.institution())) {
                    ended.add(a.login());
                } else if (was.isPresent() && !was.get().profile().equals(next.profile())) {
                    reprofiled.put(a.login(), next.profile());
                }
            }
            mark(tx, CodeKind.TERMINAL_ACCOUNT, a.login());
        }
        stored |= release(tx, CodeKind.TERMINAL_ACCOUNT, logins, login -> {
            Optional<TerminalAccount> was = tx.accounts().find(login);
            if (was.isPresent() && was.get().enabled()) {
                TerminalAccount disabled = new TerminalAccount(login, was.get().passwordHash(), was.get().institution(), was.get().profile(), false);
                tx.accounts().save(disabled);
                accountChanged(tx, channel, actor, was.get(), disabled);
                ended.add(login);
                changes.add("sip2-accounts: disabled " + login + " (no longer in the configuration; now editable)");
            } else {
                changes.add("sip2-accounts: " + login + " is no longer in the configuration (now editable)");
            }
        });

        List<String> all = new ArrayList<>(changes);
        String detail = "file=" + file + "; " + (all.isEmpty() ? "nothing changed" : String.join("; ", all))
                + (restart.isEmpty() ? "" : "; changed, needs a restart: " + String.join(", ", restart));
        log(tx, channel, actor, EventType.CONFIGURATION_RELOADED, null, detail);
        if (stored) {
            tx.revision().bump();
        }
        return new Stored(tx.rules().all(), all, ended, reprofiled);
    }

    /** Marks a code as defined by the configuration (the staff API then refuses to change it). */
    private static void mark(StoreTx tx, CodeKind kind, String code) {
        Optional<CodeEntry> e = tx.codes().find(kind, code);
        if (e.isEmpty() || !e.get().fromConfiguration()) {
            tx.codes().save(new CodeEntry(kind, code, e.map(CodeEntry::description).orElse(null), true));
        }
    }

    /** Unmarks the codes of {@code kind} the configuration no longer defines, telling {@code released} each; true if any. */
    private static boolean release(StoreTx tx, CodeKind kind, Set<String> defined, Consumer<String> released) {
        boolean any = false;
        for (CodeEntry e : tx.codes().all(kind)) {
            if (e.fromConfiguration() && !defined.contains(e.code())) {
                tx.codes().save(new CodeEntry(kind, e.code(), e.description(), false));
                released.accept(e.code());
                any = true;
            }
        }
        return any;
    }

    private void accountChanged(StoreTx tx, Channel channel, String actor, TerminalAccount before, TerminalAccount after) {
        String detail = "before=" + (before == null ? "none" : before) + " after=" + after
                + (before != null && !before.passwordHash().equals(after.passwordHash()) ? " password changed" : "");
        log(tx, channel, actor, EventType.TERMINAL_ACCOUNT_CHANGED, null, detail);
    }

    private void log(StoreTx tx, Channel channel, String actor, EventType type, String library, String detail) {
        String text = detail.length() > 3900 ? detail.substring(0, 3900) + "..." : detail;
        tx.events().append(new CirculationEvent(0, clock.instant(), type, actor, channel, "reload", library, null, null, text));
    }

    /** {@code section: added a, b; changed c; removed d} for the entries of two maps, or nothing when they are equal. */
    private static List<String> names(String section, Map<String, ?> before, Map<String, ?> after) {
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        for (String k : after.keySet()) {
            if (before.containsKey(k) && !Objects.equals(before.get(k), after.get(k))) {
                changed.add(k);
            }
        }
        List<String> out = new ArrayList<>();
        if (!added.isEmpty()) {
            out.add(section + ": added " + String.join(", ", added));
        }
        if (!changed.isEmpty()) {
            out.add(section + ": changed " + String.join(", ", changed));
        }
        if (!removed.isEmpty()) {
            out.add(section + ": removed " + String.join(", ", removed));
        }
        return out;
    }
}
