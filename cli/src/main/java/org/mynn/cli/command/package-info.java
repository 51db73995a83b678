/**
 * The commands: one picocli class per {@code mynn} subcommand, thin over the services ({@link org.mynn.cli.service}):
 * parse (options and mixins from {@link org.mynn.cli.option}), call a service, print (through
 * {@link org.mynn.cli.terminal.Terminal}). They never train a network themselves (ArchitectureTest says so).
 */
package org.mynn.cli.command;
