/**
 * Usage reports: the named reports, their parameters and validation ({@link ReportCatalogue}), the time buckets in a
 * library's zone ({@link Period}), the store's aggregate queries ({@link ReportQueries}) and the tables they become
 * ({@link Report}). Listeners (the staff API, the CLI) render a {@link Report} as JSON, CSV or a chart.
 */
package org.stackbridge.core.report;
