package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.JsonOption;
import org.mynn.cli.option.TestFiles;
import org.mynn.cli.service.Comparison;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.Models;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Do two models differ beyond chance on the same test images?",
        description = "Test two models on the same images: each one's accuracy with its 95% interval (Wilson), the images"
                + " only one of them gets right, and McNemar's exact test on those: the chance of a split at least that"
                + " lopsided if the two were equally good. Below 0.05 they differ beyond chance.",
        footer = {"", "Examples:", "  mynn compare a.json b.json", "  mynn compare a.json b.json --test mnist_test.csv --json"})
public final class CompareCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "A.json", description = "the first model")
    Path a;

    @Parameters(index = "1", paramLabel = "B.json", description = "the second model")
    Path b;

    @Mixin
    DatasetOption named;
    @Mixin
    TestFiles testFiles;

    @Mixin
    JsonOption json;

    @Inject
    Models models;
    @Inject
    DatasetSource datasets;

    @Override
    public Integer call() {
        Models.Loaded first = models.load(a);
        Models.Loaded second = models.load(b);
        Dataset test = testFiles.load(named, datasets, false, first.classes());
        for (Models.Loaded m : List.of(first, second)) {
            String differ = Models.classesDiffer(m, test);
            if (differ != null) {
                terminal.err().println("mynn: " + differ);
            }
        }
        // each model on the kernels KernelChoice picks for its work, as `mynn test` does: the same bits either way
        Comparison c = Comparison.of(models.forWork(first, test.size()).net(), models.forWork(second, test.size()).net(),
                test);
        if (json.on()) {
            out().println(Jsons.write(c.json()));
            return 0;
        }
        double[] ra = c.a();
        double[] rb = c.b();
        out().printf(Locale.ROOT, "on %s (%,d images):%n", test.name(), c.n());
        out().printf(Locale.ROOT, "  A %s: accuracy %.4f (95%% %.4f-%.4f), %,d right%n", a, ra[0], ra[1], ra[2], c.rightA());
        out().printf(Locale.ROOT, "  B %s: accuracy %.4f (95%% %.4f-%.4f), %,d right%n", b, rb[0], rb[1], rb[2], c.rightB());
        out().printf(Locale.ROOT, "  only A right: %,d images; only B right: %,d%n", c.onlyA(), c.onlyB());
        out().printf(Locale.ROOT, "McNemar's exact test: p = %.4g: %s%n", c.p(), c.verdict());
        return 0;
    }
}
