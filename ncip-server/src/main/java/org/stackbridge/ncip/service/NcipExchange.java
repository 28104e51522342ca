package org.stackbridge.ncip.service;

import java.util.Currency;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipDefaults;

/**
 * One authenticated NCIP request: who sent it (the partner agency and its profile), which of our
 * libraries it addresses, and the engine port to act on.
 *
 * @param agencyId    the partner's FromAgencyId as configured (the actor of every command)
 * @param ourAgencyId the ToAgencyId the partner addressed (echoed in answers); may be null
 */
public record NcipExchange(String service, String agencyId, NcipAgency agency, String ourAgencyId, RequestContext context,
                           NcipDefaults defaults, Currency currency, CirculationPort port) {

    public <R> CompletionStage<Outcome<R>> execute(Command<R> command) {
        return port.execute(command);
    }

    /** The context with an idempotency key scoped to this service; a retry with the same key answers as the first. */
    public RequestContext keyed(String key) {
        return key == null || key.isBlank() ? context : context.withRequestKey(service + "|" + key);
    }

    public boolean minorUnits() {
        return defaults.minorUnits();
    }

    /** The agency id to put in identifiers we return. */
    public String agencyForIds() {
        return ourAgencyId != null ? ourAgencyId : context.institution();
    }
}
