package org.stackbridge.ncip.service;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.ncip.binding.v2.InitiationHeader;
import org.stackbridge.ncip.config.IpRange;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipDefaults;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * Admits one request: finds the partner agency (from the InitiationHeader, else from the path), checks its
 * shared secret and IP allowlist, and picks which of our libraries it addresses.
 */
final class NcipAdmission {

    // logged under the dispatcher's name, as before this class was split out of it
    private static final Logger LOG = LoggerFactory.getLogger(NcipDispatcher.class);

    private final NcipSettings settings;
    private final CirculationPort port;
    private final Currency currency;
    private final Map<String, List<IpRange>> allowlists = new HashMap<>();

    NcipAdmission(NcipSettings settings, CirculationPort port) {
        this.settings = settings;
        this.port = port;
        this.currency = Currency.getInstance(settings.currency());
        settings.agencies().forEach((id, a) -> allowlists.put(id, a.ipAllowlist().stream().map(IpRange::parse).toList()));
    }

    /** The exchange for an authenticated request to {@code service}, or the Problem that refuses it. */
    NcipExchangeResult admit(String service, InitiationHeader header, InetAddress remote, String path) {
        String from = header == null || header.getFromAgencyId() == null ? null : NcipValues.text(header.getFromAgencyId().getAgencyId());
        if (from == null) {
            from = settings.agencyForPath(path).orElse(null);
        }
        Optional<NcipAgency> configured = settings.agency(from);
        NcipAgency agency;
        String agencyId;
        if (configured.isPresent()) {
            agency = configured.get();
            agencyId = from.trim().toLowerCase(Locale.ROOT);
            if (!authenticated(agencyId, agency, header, remote)) {
                LOG.warn("NCIP {} from agency {} at {}: authentication failed", service, agencyId, remote == null ? "?" : remote.getHostAddress());
                return refused(NcipProblems.general(NcipProblems.AGENCY_AUTH_FAILED, "Agency authentication failed", "FromAgencyAuthentication", null));
            }
        } else if (settings.openMode()) {
            agency = NcipAgency.open(null);
            agencyId = from == null ? "anonymous" : from.trim().toLowerCase(Locale.ROOT);
        } else if (from == null) {
            return refused(NcipProblems.missing("FromAgencyId", "FromAgencyId is required"));
        } else {
            LOG.warn("NCIP {} from unknown agency {}", service, from);
            return refused(NcipProblems.general(NcipProblems.UNKNOWN_AGENCY, "Unknown agency", "FromAgencyId", from));
        }
        String to = header == null || header.getToAgencyId() == null ? null : NcipValues.text(header.getToAgencyId().getAgencyId());
        String target = to == null ? null : agency.libraries().getOrDefault(to, settings.libraries().get(to));
        if (target == null) {
            Map<String, String> candidates = new LinkedHashMap<>(agency.libraries());
            if (candidates.isEmpty()) {
                candidates.putAll(settings.libraries());
            }
            if (candidates.size() == 1) {
                target = candidates.values().iterator().next();
            } else if (!candidates.isEmpty()) {
                return refused(NcipProblems.general(NcipProblems.UNKNOWN_AGENCY, "ToAgencyId does not name one of our libraries", "ToAgencyId", to));
            }
        }
        String institution = null;
        String library = null;
        if (target != null) {
            int slash = target.indexOf('/');
            institution = slash < 0 ? target : target.substring(0, slash);
            library = slash < 0 ? institution : target.substring(slash + 1);
        }
        RequestContext ctx = new RequestContext(Channel.NCIP, agencyId, agencyId, institution, library, null, null);
        NcipDefaults defaults = agency.defaults().over(settings.defaults());
        return new NcipExchangeResult.Admitted(new NcipExchange(service, agencyId, agency, to != null ? to : institution, ctx, defaults, currency, port));
    }

    private static NcipExchangeResult refused(org.stackbridge.ncip.binding.v2.Problem problem) {
        return new NcipExchangeResult.Refused(problem);
    }

    private boolean authenticated(String agencyId, NcipAgency agency, InitiationHeader header, InetAddress remote) {
        if (agency.sharedSecret() != null) {
            String given = header == null ? null : header.getFromAgencyAuthentication();
            if (given == null || !MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8),
                    agency.sharedSecret().getBytes(StandardCharsets.UTF_8))) {
                return false;
            }
        }
        List<IpRange> ranges = allowlists.getOrDefault(agencyId, List.of());
        return ranges.isEmpty() || (remote != null && ranges.stream().anyMatch(r -> r.contains(remote)));
    }
}
