package org.stackbridge.staff.server;

import jakarta.ws.rs.ApplicationPath;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.stackbridge.staff.StaffAdministration;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.StaffAuthFilter;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.problem.ProblemMapper;
import org.stackbridge.staff.resource.AuthResource;
import org.stackbridge.staff.resource.CashierResource;
import org.stackbridge.staff.resource.CirculationResource;
import org.stackbridge.staff.resource.BiblioHoldsResource;
import org.stackbridge.staff.resource.EngineCalls;
import org.stackbridge.staff.resource.FeesResource;
import org.stackbridge.staff.resource.HoldsResource;
import org.stackbridge.staff.resource.IllPartners;
import org.stackbridge.staff.resource.IllResource;
import org.stackbridge.staff.resource.PatronHoldsResource;
import org.stackbridge.staff.resource.TransitsResource;
import org.stackbridge.staff.resource.ImportsResource;
import org.stackbridge.staff.resource.ItemsResource;
import org.stackbridge.staff.resource.PatronFeesResource;
import org.stackbridge.staff.resource.PatronPaymentsResource;
import org.stackbridge.staff.resource.PatronsResource;
import org.stackbridge.staff.resource.ReportsResource;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.staff.resource.PaymentsResource;

/**
 * The JAX-RS application: every resource (singletons whose collaborators are bound here), the auth filter, JSON and
 * problem mapping.
 */
@ApplicationPath(StaffHttpEndpoint.PATH)
final class StaffApplication extends ResourceConfig {

    StaffApplication(EngineCalls engine, StaffAuthenticator authenticator, StaffSessions sessions, StaffServices services) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // a Location (an import job's) stays as the resource wrote it, relative to the server
        property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        register(JacksonFeature.withoutExceptionMappers());
        register(new StaffJson());
        register(new ProblemMapper());
        register(new StaffAuthFilter(sessions));
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(EngineCalls.class);
                bind(authenticator).to(StaffAuthenticator.class);
                bind(sessions).to(StaffSessions.class);
                bind(services.reports()).to(ReportCatalogue.class);
                bind(services.admin()).to(StaffAdministration.class);
                bind(services.pinHasher()).to(org.stackbridge.core.security.SecretHasher.class);
                bind(services.illPartners()).to(IllPartners.class);
                bind(services.cataloguing()).to(org.stackbridge.core.catalogue.MarcCataloguing.class);
                bind(services.copyCatalogue()).to(org.stackbridge.core.catalogue.CopyCatalogue.class);
                bind(new StaffImports(services.importJobs())).to(StaffImports.class);
                bind(services).to(StaffServices.class);
            }
        });
        register(AuthResource.class);
        register(PatronsResource.class);
        register(org.stackbridge.staff.resource.PatronCardsResource.class);
        register(ItemsResource.class);
        register(CirculationResource.class);
        register(ReportsResource.class);
        register(org.stackbridge.staff.resource.LibrariesResource.class);
        register(org.stackbridge.staff.resource.PatronCategoriesResource.class);
        register(org.stackbridge.staff.resource.ItemTypesResource.class);
        register(org.stackbridge.staff.resource.CirculationRulesResource.class);
        register(org.stackbridge.staff.resource.Sip2AccountsResource.class);
        register(org.stackbridge.staff.resource.StaffAccountsResource.class);
        register(org.stackbridge.staff.resource.TerminalsResource.class);
        register(org.stackbridge.staff.resource.TracesResource.class);
        register(org.stackbridge.staff.resource.ConfigurationResource.class);
        register(org.stackbridge.staff.resource.ItemHistoryResource.class);
        register(PatronFeesResource.class);
        register(PatronPaymentsResource.class);
        register(PaymentsResource.class);
        register(FeesResource.class);
        register(CashierResource.class);
        register(HoldsResource.class);
        register(PatronHoldsResource.class);
        register(BiblioHoldsResource.class);
        register(TransitsResource.class);
        register(IllResource.class);
        register(org.stackbridge.staff.resource.BibliosResource.class);
        register(org.stackbridge.staff.resource.ClaimsReturnedResource.class);
        register(org.stackbridge.staff.resource.CopyCataloguingResource.class);
        register(ImportsResource.class);
        register(org.stackbridge.staff.resource.Sip2ProfilesResource.class);
        register(org.stackbridge.staff.resource.NoticesResource.class);
    }
}
