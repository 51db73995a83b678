/**
 * The use cases every front end shares (the command line and the web page): asking a model about pictures
 * ({@link org.mynn.cli.service.QueryService}), a training run that survives Ctrl-C and resumes
 * ({@link org.mynn.cli.service.TrainingRun}), the book's sweeps ({@link org.mynn.cli.service.SweepRunner}), model
 * files with their classes ({@link org.mynn.cli.service.Models}). Depends on core, data and render; never on the
 * commands or the web server.
 */
package org.mynn.cli.service;
