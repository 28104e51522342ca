package org.stackbridge.gateway.cli;

import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.CatalogueSync;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * What a command executed inside the running gateway works on: the gateway's own configuration, storage, circulation
 * port, catalogue index and import jobs, so its changes are seen at once; and the standard input and user name of the command line that sent it.
 */
record ControlHost(ConfigLoader.Loaded loaded, TransactionRunner storage, CirculationPort port, CatalogueSync catalogue,
                   ImportJobs imports, String stdin, String user, org.stackbridge.core.port.TerminalMonitor terminals,
                   org.stackbridge.core.port.NoticeRuns notices, org.stackbridge.core.port.ConfigurationReload reload,
                   org.stackbridge.core.port.AgencyTraces agencies) {
}
