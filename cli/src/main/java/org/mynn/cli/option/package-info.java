/**
 * Options shared by several commands, as picocli mixins: the network, recipe and speed options fill a
 * {@link org.mynn.core.run.RunSpecBuilder} (the run specification checks every value), the data options name files or a
 * dataset, and {@code --json} and {@code --activation} are one option each however many commands take them.
 */
package org.mynn.cli.option;
