/**
 * Where the command line writes and what it checks before writing: the {@link org.mynn.cli.terminal.Terminal} (results
 * on stdout, progress and errors on stderr), progress bars, the lines a training run prints, and the checks on output
 * paths made before any long work.
 */
package org.mynn.cli.terminal;
