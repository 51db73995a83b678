package org.mynn.cli.option;

import java.nio.file.Path;
import org.mynn.cli.service.Models;
import picocli.CommandLine.Option;

/** {@code --model MODEL.json}: the model a command reads. */
public final class ModelFile {

    @Option(names = "--model", paramLabel = "MODEL.json", required = true, description = "the model (a mynn JSON file)")
    public Path path;

    /** @return the model, with its class names */
    public Models.Loaded load(Models models) {
        return models.load(path);
    }
}
