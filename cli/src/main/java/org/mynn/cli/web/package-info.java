/**
 * The web page of {@code mynn serve}: {@link org.mynn.cli.web.WebServer} is the transport, {@code Api} the
 * handlers, {@code ModelRegistry} the models the page can switch between. Uses the services; never the commands.
 */
package org.mynn.cli.web;
