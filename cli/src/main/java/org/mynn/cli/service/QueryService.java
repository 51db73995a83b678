package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.Encoding;
import org.mynn.data.PictureReader;
import org.mynn.render.ColorMap;
import org.mynn.render.GridRenderer;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;

/**
 * Asking a model about pictures, for every front end: a question (a picture file, an image, 784 pixels or a
 * dataset record, made 28x28 as MNIST made its digits), the answer (label, class, scores), its JSON, the
 * "why" picture and a contact sheet.
 */
public final class QueryService {

    private static final Pattern LABEL_IN_NAME = Pattern.compile("(?:^|[_\\- .])([0-9])$");

    /** One question: where it came from, the 28x28 the network sees (ink high), and the label if known. */
    public record Question(String source, byte[] pixels, Integer knownLabel) {

        /** @return true when the picture has no ink: the network answers, but the answer means nothing */
        public boolean blank() {
            for (byte p : pixels) {
                if (p != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What is said of a picture without ink. */
    public static final String NO_INK = "has no ink (every pixel is alike), so the answer means nothing";

    /** A question with the network's answer: the winning label and its class name, and every score. */
    public record Answer(Question question, int label, String className, double[] scores) {

        /** @return the winning score */
        public double score() {
            return scores[label];
        }
    }

    private final PictureReader pictures;
    private final GridRenderer grids;

    @Inject
    public QueryService(PictureReader pictures, GridRenderer grids) {
        this.pictures = pictures;
        this.grids = grids;
    }

    /** @return a picture file as a question; a digit ending its name (my_3.png) is its label */
    public Question picture(Path file, PictureReader.Fit fit) {
        return new Question(file.toString(), pictures.read(file, fit).pixels(), labelInName(file));
    }

    /**
     * @param paths pictures, or folders whose pictures are taken in name order
     * @return a question for each picture
     * @throws MynnException for a folder without pictures or a picture that cannot be read
     */
    public List<Question> pictures(List<Path> paths, PictureReader.Fit fit) throws IOException {
        List<Question> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> inside;
                try (Stream<Path> files = Files.list(p)) {
                    inside = files.filter(QueryService::isPicture).sorted().toList();
                }
                if (inside.isEmpty()) {
                    throw new MynnException(p + ": has no pictures (.png, .jpg, .jpeg, .gif, .bmp)");
                }
                for (Path q : inside) {
                    out.add(picture(q, fit));
                }
            } else {
                out.add(picture(p, fit));
            }
        }
        return out;
    }

    /**
     * @param budget bounds the pictures decoded at once
     * @return an uploaded picture as a question, its size checked from its header before it is decoded, prepared as
     *         MNIST prepared its digits
     * @throws MynnException when it is not a picture or too large (the message speaks of "the upload")
     */
    public Question upload(byte[] bytes, PictureReader.PixelBudget budget) {
        BufferedImage img;
        try {
            img = pictures.decode(bytes, "the upload", budget);
        } catch (MynnException e) {
            String m = e.getMessage().substring("the upload: ".length());
            throw new MynnException(m.startsWith("cannot") ? "the body " + m : m);
        }
        return new Question("upload", pictures.fromImage(img, PictureReader.Fit.MNIST, "upload").pixels(), null);
    }

    /** @return a dataset record as a question, with its true label */
    public Question record(Dataset d, int index) {
        if (index < 0 || index >= d.size()) {
            throw new MynnException(d.name() + " has records 0 to " + (d.size() - 1) + ", not " + index);
        }
        return new Question(d.name() + " #" + index, d.image(index), d.label(index));
    }

    /** @return the network's answer to {@code q} */
    public Answer ask(NeuralNetwork net, List<String> classes, Question q) {
        if (net.inputSize() != q.pixels().length) {
            throw new MynnException("the model takes " + net.inputSize() + " inputs but pictures become 28x28 = "
                    + q.pixels().length);
        }
        double[] scores = net.query(Encoding.inputs(q.pixels()));
        int label = Evaluator.argmax(scores);
        return new Answer(q, label, classes.get(label), scores);
    }

    /** @return {@code {"source", "label", "class", "scores", "trueLabel"}}, scores rounded to 6 decimals */
    public static Map<String, Object> json(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", a.question().source());
        m.put("label", a.label());
        m.put("class", a.className());
        List<Double> s = new ArrayList<>();
        for (double v : a.scores()) {
            s.add(Jsons.round(v));
        }
        m.put("scores", s);
        if (a.question().knownLabel() != null) {
            m.put("trueLabel", a.question().knownLabel());
        }
        if (a.question().blank()) {
            m.put("warning", "the picture " + NO_INK);
        }
        return m;
    }

    /**
     * Why the network answered as it did: the input, input x gradient of the winning score (red for, blue
     * against), and, when every activation has an inverse, the backquery of the winner, side by side.
     */
    public BufferedImage explain(NeuralNetwork net, Answer a) {
        double[] x = Encoding.inputs(a.question().pixels());
        double[] g = net.inputGradient(x, a.label());
        double[] attribution = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            attribution[i] = x[i] * g[i];
        }
        String name = a.className();
        List<Tile> tiles = new ArrayList<>();
        tiles.add(Tile.ofPixels(a.question().pixels(), 28, 28, "what it saw"));
        tiles.add(new Tile(attribution, 28, 28, "for (red) and against (blue) " + name, ColorMap.DIVERGING));
        if (net.canBackquery()) {
            tiles.add(NetworkViews.backquery(net, a.label(), "what it sees for " + name, 28, 28));
        }
        return grids.grid(tiles, tiles.size(), 8, String.format(Locale.ROOT, "why %s (%.2f)", name, a.score()));
    }

    /** @return what the network saw for each answer, captioned with what it said (and "ok"/"wrong" where known) */
    public BufferedImage contactSheet(List<Answer> answers) {
        List<Tile> tiles = new ArrayList<>();
        for (Answer a : answers) {
            Integer truth = a.question().knownLabel();
            String mark = truth == null ? "" : truth == a.label() ? " ok" : " wrong";
            tiles.add(Tile.ofPixels(a.question().pixels(), 28, 28, shortName(a.question().source()) + ": "
                    + a.className() + String.format(Locale.ROOT, " (%.2f)", a.score()) + mark));
        }
        return grids.grid(tiles, Math.min(6, tiles.size()), 5, "what the network saw, and what it said");
    }

    /** @return true for a regular file named like a picture */
    public static boolean isPicture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif")
                || n.endsWith(".bmp"));
    }

    /**
     * @return the digit that ends the file name (before its extension) after a separator, or alone: my_3.png,
     *         seven-7.jpg and 3.png give 3, 7 and 3; photo1.png gives nothing (the 1 may count photos)
     */
    public static Integer labelInName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Matcher m = LABEL_IN_NAME.matcher(dot > 0 ? name.substring(0, dot) : name);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash >= 0 && source.indexOf('#') < 0 ? source.substring(slash + 1) : source;
    }
}
