package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import org.mynn.cli.terminal.Outputs;
import org.mynn.data.CsvWriter;
import org.mynn.data.Dataset;
import org.mynn.data.IdxReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write IDX images and labels as the book's CSV (mnist_train.csv).",
        description = "Write IDX images and labels as the book's CSV (mnist_train.csv): per line the label, then the pixels; byte for byte as the usual conversion.",
        footer = {"", "Example:", "  mynn convert --images ~/.cache/mynn/mnist/t10k-images-idx3-ubyte \\",
            "               --labels ~/.cache/mynn/mnist/t10k-labels-idx1-ubyte --out mnist_test.csv"})
public final class ConvertCommand extends BaseCommand {

    @Option(names = "--images", paramLabel = "FILE", required = true, description = "IDX images, raw or .gz")
    Path images;

    @Option(names = "--labels", paramLabel = "FILE", required = true, description = "IDX labels, raw or .gz")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "the CSV to write")
    Path out;

    @Option(names = "--count", paramLabel = "N", description = "only the first N records (e.g. 100 for mnist_train_100.csv)")
    Integer count;


    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw usage("--count must be at least 1 but is " + count);
        }
        Outputs.file(spec, "--out", out, Outputs.in("--images", images), Outputs.in("--labels", labels));
        Dataset d = IdxReader.read(images, labels, Dataset.numberedClasses(256), images.getFileName().toString());
        if (count != null && count < d.size()) {
            d = d.slice(0, count);
        }
        CsvWriter.write(d, out);
        out().printf("wrote %s (%,d records of %dx%d)%n", out, d.size(), d.rows(), d.cols());
        return 0;
    }
}
