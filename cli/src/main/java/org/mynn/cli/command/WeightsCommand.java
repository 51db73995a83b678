package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.render.ColorMap;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "weights", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Draw each hidden unit's incoming weights: the other look inside.",
        description = "Draw each hidden unit's incoming weights as a 28x28 tile: red pixels push the unit up, blue pull it down. The other way to look inside the network.",
        footer = {"", "Example:", "  mynn weights --model model.json --out weights.png --count 50"})
public final class WeightsCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "weights.png", description = "the picture (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "at most this many units, the first ones (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "10", description = "tiles per row (default: ${DEFAULT-VALUE})")
    int columns;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "3", description = "pixels per weight (default: ${DEFAULT-VALUE})")
    int scale;

    @Inject
    Models models;
    @Inject
    GridRenderer grids;
    @Inject
    ImageSink images;


    @Override
    public Integer call() {
        if (count < 1 || columns < 1 || scale < 1 || scale > 100) {
            throw usage("--count and --columns must be at least 1, --scale from 1 to 100");
        }
        Outputs.file(spec, "--out", out, Outputs.in("--model", model.path));
        NeuralNetwork net = models.load(model.path).net();
        int side = NetworkViews.squareSide(net.inputSize());
        if (side < 0) {
            throw new MynnException(model.path + ": weight pictures need a square input, but the model takes " + net.inputSize());
        }
        grids.checkSize(Math.min(count, net.layers()[1]), new Tile(new double[side * side], side, side, "#0", ColorMap.DIVERGING), columns,
                scale, "incoming weights");
        List<Tile> tiles = NetworkViews.hiddenUnits(net, side, side, count);
        images.writePng(grids.grid(tiles, columns, scale, "incoming weights of " + tiles.size() + " of "
                + net.layers()[1] + " units in layer 1 (red +, blue -)"), out);
        out().println("wrote " + out + " (" + tiles.size() + " units)");
        return 0;
    }
}
