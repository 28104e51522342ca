package org.stackbridge.ncip.service;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.stackbridge.ncip.binding.v2.LookupAgency;
import org.stackbridge.ncip.binding.v2.LookupAgencyResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.OrganizationNameInformation;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

import static org.stackbridge.ncip.mapping.NcipValues.svp;

/** LookupAgency: the agencies we answer for (the configured ToAgencyIds) with the library each stands for. */
public final class LookupAgencyService extends NcipService<LookupAgency, LookupAgencyResponse> {

    private final Map<String, String> libraries;

    /** @param libraries ToAgencyId → "INSTITUTION[/BRANCH]", global and per-partner maps merged */
    public LookupAgencyService(Map<String, String> libraries) {
        super("LookupAgency", NCIPMessage::getLookupAgency, LookupAgency::getInitiationHeader, NCIPMessage::setLookupAgencyResponse,
                LookupAgencyResponse::new, LookupAgencyResponse::getProblem, LookupAgencyResponse::setResponseHeader);
        this.libraries = Map.copyOf(libraries);
    }

    @Override
    public CompletionStage<LookupAgencyResponse> handle(LookupAgency q, NcipExchange ex) {
        String id = NcipValues.text(q.getAgencyId());
        if (id == null) {
            return Support.done(problem(NcipProblems.missing("AgencyId", "AgencyId is required")));
        }
        String library = libraries.get(id);
        if (library == null && id.equals(ex.context().institution())) {
            library = id;
        }
        if (library == null) {
            return Support.done(problem(NcipProblems.general(NcipProblems.UNKNOWN_AGENCY, "We do not answer for this agency", "AgencyId", id)));
        }
        LookupAgencyResponse r = newResponse();
        r.setAgencyId(svp(id));
        OrganizationNameInformation name = new OrganizationNameInformation();
        name.setOrganizationNameType(svp("http://www.niso.org/ncip/v1_0/imp1/schemes/organizationnametype/organizationnametype.scm", "Legal"));
        name.setOrganizationName(library);
        r.getOrganizationNameInformation().add(name);
        return Support.done(r);
    }
}
