package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.NetworkViews;
import org.mynn.render.TerminalRenderer;
import org.mynn.render.Tile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backquery", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run a model backwards: the picture it would answer a label with.",
        description = "Run a model backwards: the picture it would answer a label with (the seed's last step). Writes <label>.png (and grid.png with --all) into --out.",
        footer = {"", "Examples:", "  mynn backquery --model model.json --all", "  mynn backquery --model model.json --label 0 --terminal"})
public final class BackqueryCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** {@code --label N} or {@code --all}. */
    static final class Which {
        @Option(names = "--label", paramLabel = "N", description = "one class")
        Integer label;
        @Option(names = "--all", description = "every class, and a grid of them")
        boolean all;
    }

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backquery", description = "folder for the pictures (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "10", description = "pixels per value (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--terminal", description = "also show them in the terminal")
    boolean show;

    @Option(names = "--no-png", description = "only show them in the terminal")
    boolean noPng;

    @Inject
    Models models;
    @Inject
    ImageRenderer images;
    @Inject
    GridRenderer grids;
    @Inject
    ImageSink sink;
    @Inject
    TerminalRenderer text;


    @Override
    public Integer call() {
        if (scale < 1 || scale > 100) {
            throw usage("--scale must be from 1 to 100 but is " + scale);
        }
        NeuralNetwork net = models.load(model.path).net();
        if (which.label != null && (which.label < 0 || which.label >= net.outputSize())) {
            throw usage("--label " + which.label + " is outside the model's classes 0.." + (net.outputSize() - 1));
        }
        int side = NetworkViews.squareSide(net.inputSize());
        if (side < 0) {
            throw new MynnException(model.path + ": backquery pictures need a square input, but the model takes " + net.inputSize());
        }
        List<String> classes = Models.classNames(net);
        List<Integer> labels = new ArrayList<>();
        if (which.all) {
            for (int k = 0; k < net.outputSize(); k++) {
                labels.add(k);
            }
        } else {
            labels.add(which.label);
        }
        List<Tile> tiles = new ArrayList<>();
        for (int label : labels) {
            tiles.add(NetworkViews.backquery(net, label, classes.get(label), side, side));
        }
        if (!noPng) {
            Outputs.folder(out);
            for (int i = 0; i < labels.size(); i++) {
                Tile t = tiles.get(i);
                Path file = out.resolve(labels.get(i) + ".png");
                sink.writePng(images.render(t.values(), side, side, t.map(), scale), file);
                out().println("wrote " + file);
            }
            if (which.all) {
                Path grid = out.resolve("grid.png");
                sink.writePng(grids.grid(tiles, 5, Math.max(1, scale / 2), "what the network sees for each class"), grid);
                out().println("wrote " + grid);
            }
        }
        if (show || noPng) {
            for (int i = 0; i < tiles.size(); i++) {
                out().println("backquery of " + classes.get(labels.get(i)) + ":");
                out().print(text.render(tiles.get(i).values(), side, side, terminal.ansi()));
            }
        }
        return 0;
    }
}
