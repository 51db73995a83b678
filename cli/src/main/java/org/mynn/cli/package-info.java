/**
 * The {@code mynn} command: picocli commands created by a Guice injector ({@link org.mynn.cli.GuiceFactory}) that
 * composes the core, data and render modules with {@link org.mynn.cli.CliModule}. {@link org.mynn.cli.Main} is
 * the entry point; exit codes are 0 (success), 1 (failure) and 2 (usage error).
 */
package org.mynn.cli;
