/**
 * The {@code mynn} command's entry: {@link org.mynn.cli.Main} parses the command line into the commands of
 * {@link org.mynn.cli.command}, whose {@code @Inject} fields a Guice injector fills (the core, data and render modules
 * composed with {@link org.mynn.cli.CliModule}). Exit codes are 0 (success), 1 (failure) and 2 (usage error).
 */
package org.mynn.cli;
