package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.Authentication;
import org.stackbridge.z3950.pdu.Z3950Pdu.Close;
import org.stackbridge.z3950.pdu.Z3950Pdu.InitRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.InitResponse;

/**
 * Init: version and option intersection, message sizes clamped to the limits, UTF-8 character-set negotiation,
 * optional authentication (refusal: result FALSE + Bib-1 1011; the association then closes).
 */
record InitHandler(Z3950Association a) implements Z3950RequestHandler<InitRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(InitHandler.class);
    /** search, present, delSet, scan, sort, namedResultSets. */
    static final long SUPPORTED_OPTIONS = (1L) | (1L << 1) | (1L << 2) | (1L << 7) | (1L << 8) | (1L << 14);
    private static final long NEGOTIATION_OPTION = 1L << 17;

    @Override
    public CompletionStage<Z3950Pdu> handle(InitRequest r) {
        LOG.info("init from {}: implementation id={} name={} version={}", a.remote(),
                r.implementationId(), r.implementationName(), r.implementationVersion());
        Z3950Settings settings = a.settings();
        Z3950Session session = a.session();
        int versions = r.versions() & 0b111;
        if (versions == 0) {
            versions = 0b11;
        }
        session.version3 = (versions & 0b100) != 0;
        long options = r.options() & SUPPORTED_OPTIONS;
        int pref = clamp(r.preferredMessageSize(), settings.maxMessageSize());
        int exc = Math.max(pref, clamp(r.exceptionalRecordSize(), settings.maxRecordSize()));
        String charset = null;
        boolean recordsInCharset = false;
        if (r.charsetProposal() != null && r.charsetProposal().charsets().contains("utf-8")) {
            charset = "utf-8";
            recordsInCharset = true;
            options |= NEGOTIATION_OPTION & r.options();
        }
        final int fv = versions;
        final long fo = options;
        final String fc = charset;
        final boolean fr = recordsInCharset;
        if (session.initialised) {
            return done(new Close(r.referenceId(), Close.PROTOCOL_ERROR, "second initRequest"));
        }
        Z3950Settings.Authentication auth = settings.authentication();
        if (!auth.required()) {
            accept(pref, exc, r.authentication() == null ? null : r.authentication().user());
            a.count("init", "accepted");
            return done(new InitResponse(r.referenceId(), fv, fo, pref, exc, true, "SB", settings.implementationName(),
                    version(), null, fc, fr));
        }
        Authentication given = r.authentication();
        // PBKDF2 is slow on purpose: verify on the worker executor
        return a.catalogue().async(() -> {
            boolean ok = given != null && given.user() != null && given.password() != null
                    && SecretHasher.verify(given.password(), auth.users().get(given.user()));
            if (ok) {
                accept(pref, exc, given.user());
                a.count("init", "accepted");
                return new InitResponse(r.referenceId(), fv, fo, pref, exc, true, "SB", settings.implementationName(), version(), null, fc, fr);
            }
            a.count("init", "refused");
            LOG.info("init refused for user {} from {}", given == null ? null : given.user(), a.remote());
            return new InitResponse(r.referenceId(), fv, fo, pref, exc, false, "SB", settings.implementationName(), version(),
                    Diag.bib1(1011, "bad userid or password"), null, false);
        });
    }

    private void accept(int pref, int exc, String user) {
        Z3950Session session = a.session();
        session.initialised = true;
        session.preferredMessageSize = pref;
        session.exceptionalRecordSize = exc;
        session.user = user;
    }

    private static int clamp(int proposed, int limit) {
        return proposed <= 0 ? limit : Math.min(proposed, limit);
    }

    private static String version() {
        String v = InitHandler.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
