/**
 * The web page of {@code mynn serve} and its training lab. {@link org.mynn.cli.web.WebModule} wires them (Guice) and
 * {@link org.mynn.cli.web.WebServer} composes Jetty's handlers: {@code Guard} (hosts, origins, common headers) around
 * a path mapping to {@code Endpoint}s over {@code Api} (the page's handlers) and {@code LabRoutes} (the lab's), the
 * lab's event stream, and {@code Assets} (the page's files). The lab is {@code Lab} (one run at a time), {@code LabRun}
 * (a run and its frames), {@code LabPlan} (a Start request read into a run specification), {@code LabViews} (its
 * pictures, drawn by render), {@code LabAtlas} and {@code LabCurves}. Uses the services; never the commands.
 */
package org.mynn.cli.web;
