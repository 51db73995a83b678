package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.terminal.Outputs;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.TerminalRenderer;
import org.mynn.render.Tile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Draw dataset records in the terminal, or as a captioned grid picture.",
        description = "Draw dataset records: in the terminal, or as a captioned grid with --out.",
        footer = {"", "Examples:", "  mynn show --dataset mnist --index 0", "  mynn show --dataset fashion-mnist --count 25 --out records.png",
            "  mynn show --data mnist_train_100.csv --count 10"})
public final class ShowCommand extends BaseCommand {

    @Mixin
    DatasetOption named;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Split split;

    @Option(names = "--data", paramLabel = "FILE", description = "records from a file instead: the book's CSV, or IDX images")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "the IDX labels of --data")
    Path labels;

    @Option(names = "--index", paramLabel = "N", defaultValue = "0", description = "the first record (default: ${DEFAULT-VALUE})")
    int index;

    @Option(names = "--count", paramLabel = "N", description = "how many records (default: 1 in the terminal, 25 with --out)")
    Integer count;

    @Option(names = "--one-per-class", description = "the first record of each class instead of consecutive records")
    boolean onePerClass;

    @Option(names = "--out", paramLabel = "FILE.png", description = "write a grid picture instead of printing")
    Path out;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "5", description = "tiles per row of the grid (default: ${DEFAULT-VALUE})")
    int columns;

    @Inject
    DatasetSource datasets;
    @Inject
    GridRenderer grids;
    @Inject
    ImageSink images;
    @Inject
    TerminalRenderer text;


    @Override
    public Integer call() {
        if (data != null && named.dataset != null) {
            throw usage("give --dataset or --data, not both");
        }
        int n = count != null ? count : out != null ? 25 : 1;
        if (n < 1 || columns < 1) {
            throw usage("--count and --columns must be at least 1");
        }
        if (out != null) {
            Outputs.file(spec, "--out", out, Outputs.in("--data", data), Outputs.in("--labels", labels));
        }
        Dataset d = data != null ? Datasets.fromFiles(data, labels, Dataset.numberedClasses(256))
                : named.load(datasets, split);
        if (index < 0 || index >= d.size()) {
            throw usage("--index must be from 0 to " + (d.size() - 1) + " but is " + index);
        }
        List<Integer> records = new ArrayList<>();
        if (onePerClass) {
            for (int k = 0; k < d.classes().size(); k++) {
                for (int i = index; i < d.size(); i++) {
                    if (d.label(i) == k) {
                        records.add(i);
                        break;
                    }
                }
            }
        } else {
            for (int i = index; i < Math.min(d.size(), index + n); i++) {
                records.add(i);
            }
        }
        List<String> classes = d.classes();
        if (out != null) {
            grids.checkSize(records.size(), Tile.ofPixels(d.image(index), d.rows(), d.cols(), "#0: x"), columns, 4, d.name());
            List<Tile> tiles = new ArrayList<>();
            for (int i : records) {
                tiles.add(Tile.ofPixels(d.image(i), d.rows(), d.cols(), "#" + i + ": " + classes.get(d.label(i))));
            }
            images.writePng(grids.grid(tiles, columns, 4, d.name()), out);
            out().println("wrote " + out + " (" + tiles.size() + " records of " + d.name() + ")");
            return 0;
        }
        for (int i : records) {
            Tile t = Tile.ofPixels(d.image(i), d.rows(), d.cols(), "");
            out().println(d.name() + " #" + i + ": label " + classes.get(d.label(i)));
            out().print(text.render(t.values(), d.rows(), d.cols(), terminal.ansi()));
        }
        return 0;
    }
}
