package org.stackbridge.staff.console.server;

import java.time.Clock;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.console.ConsoleCataloguing;
import org.stackbridge.staff.console.ConsoleSettings;
import org.stackbridge.staff.console.auth.ConsoleSessions;
import org.stackbridge.staff.console.web.AdminPages;
import org.stackbridge.staff.console.web.CashierPages;
import org.stackbridge.staff.console.web.CataloguePages;
import org.stackbridge.staff.console.web.CopyCataloguingPages;
import org.stackbridge.staff.console.web.ItemPages;
import org.stackbridge.staff.console.web.ConsoleEngine;
import org.stackbridge.staff.console.web.DeskPages;
import org.stackbridge.staff.console.web.FeePages;
import org.stackbridge.staff.console.web.HoldPages;
import org.stackbridge.staff.console.web.IllPages;
import org.stackbridge.staff.console.web.PatronHoldPages;
import org.stackbridge.staff.console.web.PatronPages;
import org.stackbridge.staff.console.web.Pages;
import org.stackbridge.staff.console.web.SignInPages;
import org.stackbridge.staff.console.web.StaticAssets;
import org.stackbridge.staff.resource.IllPartners;
import org.stackbridge.staff.console.web.StaffApiCalls;
import org.stackbridge.staff.console.web.ReportPages;
import org.stackbridge.staff.console.web.TerminalPages;

/** The console's JAX-RS application: the page resources, the role filter and the error pages. */
final class ConsoleApplication extends ResourceConfig {

    ConsoleApplication(ConsoleSettings settings, ConsoleEngine engine, TransactionRunner storage, StaffAuthenticator authenticator,
                       ConsoleSessions sessions, Pages pages, Clock clock, StaffServices services, StaffApiCalls api) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        // redirects stay relative (/console/desk): Jersey's base URI is not the address the browser used
        property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        register(new ConsoleAuthFilter(pages));
        register(new ConsoleErrorMapper(pages));
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(settings).to(ConsoleSettings.class);
                bind(engine).to(ConsoleEngine.class);
                bind(storage).to(TransactionRunner.class);
                bind(authenticator).to(StaffAuthenticator.class);
                bind(sessions).to(ConsoleSessions.class);
                bind(pages).to(Pages.class);
                bind(clock).to(Clock.class);
                bind(services).to(StaffServices.class);
                bind(services.illPartners()).to(IllPartners.class);
                bind(api).to(StaffApiCalls.class);
                bind(services.pinHasher()).to(org.stackbridge.core.security.SecretHasher.class);
            }
        });
        register(SignInPages.class);
        register(DeskPages.class);
        register(PatronPages.class);
        register(org.stackbridge.staff.console.web.CardPages.class);
        register(AdminPages.class);
        register(StaticAssets.class);
        register(FeePages.class);
        register(CashierPages.class);
        register(HoldPages.class);
        register(PatronHoldPages.class);
        register(IllPages.class);
        register(TerminalPages.class);
        register(ReportPages.class);
        register(org.stackbridge.staff.console.web.NoticePages.class);
    }

    /** The items, catalogue and copy-cataloguing screens, with what they need beyond the engine. */
    ConsoleApplication withCataloguing(ConsoleCataloguing cataloguing) {
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(cataloguing).to(ConsoleCataloguing.class);
            }
        });
        register(ItemPages.class);
        register(CataloguePages.class);
        register(CopyCataloguingPages.class);
        return this;
    }
}
