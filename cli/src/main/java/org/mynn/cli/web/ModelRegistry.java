package org.mynn.cli.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.mynn.cli.service.Models;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.render.ImageRenderer;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;

/**
 * The models the page can use: the one the server started with and the other mynn models in its folder. Holds the
 * current one with its backquery pictures, drawn once when it is loaded; switching is safe while requests run.
 */
final class ModelRegistry {

    /** A model and what is drawn from it once. */
    record Current(String name, NeuralNetwork net, List<String> classes, byte[][] backquery) {

        boolean hasBackquery() {
            return backquery.length > 0 && backquery[0] != null;
        }
    }

    private final Models models;
    private final ImageRenderer images;
    private final Path folder;
    private final AtomicReference<Current> current = new AtomicReference<>();

    /** @throws MynnException when the model cannot be loaded or does not take 28x28 pictures */
    ModelRegistry(Path model, Models models, ImageRenderer images) {
        this.models = models;
        this.images = images;
        Path abs = model.toAbsolutePath().normalize();
        this.folder = abs.getParent();
        current.set(load(abs));
    }

    /** @return the models folder */
    Path folder() {
        return folder;
    }

    Current current() {
        return current.get();
    }

    /**
     * @param name one of {@link #names()}
     * @return the model now current
     * @throws MynnException when there is no such model in the folder, or it cannot be loaded
     */
    Current switchTo(String name) {
        if (!names().contains(name)) {
            throw new NotFound("no model '" + name + "' in the models folder; see /api/models");
        }
        Path file = folder.resolve(name);
        Current loaded;
        try {
            loaded = load(file);
        } catch (MynnException e) {
            throw new MynnException(e.getMessage().replace(file.toString(), name).replace(folder.toString(), "the models folder"));
        }
        current.set(loaded);
        return loaded;
    }

    /**
     * @return the .json files of the models folder that are mynn models, by name: regular files that are really in
     *         the folder (a symbolic link leading out of it is not listed, and cannot be switched to)
     */
    List<String> names() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()::iterator) {
                if (Files.isRegularFile(p) && inFolder(p) && isModel(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            names.add(current.get().name());
        }
        return names;
    }

    private boolean inFolder(Path p) {
        try {
            return p.toRealPath().getParent().equals(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isModel(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            return head.contains("\"mynn-model\"");
        } catch (IOException e) {
            return false;
        }
    }

    private Current load(Path file) {
        Models.Loaded m = models.forWork(models.load(file), 1); // the page asks about one picture at a time
        NeuralNetwork net = m.net();
        if (NetworkViews.squareSide(net.inputSize()) != 28) {
            throw new MynnException(file + ": the page draws 28x28 digits, but the model takes " + net.inputSize() + " inputs");
        }
        byte[][] backquery = new byte[net.outputSize()][];
        if (net.canBackquery()) {
            for (int k = 0; k < net.outputSize(); k++) {
                Tile t = NetworkViews.backquery(net, k, m.classes().get(k), 28, 28);
                backquery[k] = png(images.render(t.values(), 28, 28, t.map(), 6));
            }
        }
        return new Current(file.getFileName().toString(), net, m.classes(), backquery);
    }

    static {
        // PNGs are written to memory: no cache files on disk (slower, and they fail in a thread that was interrupted)
        ImageIO.setUseCache(false);
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    /** A name that is not in the folder: the API answers 404. */
    static final class NotFound extends MynnException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
