/**
 * The run specification: {@link org.mynn.core.run.RunSpec}, every setting of a training run checked in one place, and
 * the {@link org.mynn.core.run.Catalog} of plugins it looks names up in. Every front end (the command line, the lab,
 * sweeps, {@code reproduce}) makes its runs from one.
 */
package org.mynn.core.run;
