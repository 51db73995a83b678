package org.mynn.cli.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs the lab can resume: the checkpoints in the models folder (model files whose {@code training} has a
 * {@code checkpoint}, as the lab's Save and {@code mynn train} write them), read for where they stand without reading
 * their weights or optimizer state.
 */
final class LabSaved {

    private static final JsonFactory JSON = new JsonFactory();

    private LabSaved() {
    }

    /** @return the checkpoints among {@code names} in {@code folder}, each with where its run stands */
    static List<Map<String, Object>> list(Path folder, List<String> names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> m = read(folder.resolve(name));
            if (m != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", name);
                e.putAll(m);
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @return a checkpoint's layers, learning rate and position ({@code epochsDone}, {@code samplesDone},
     *         {@code epochs}, {@code data}); null when the file is not a checkpoint or cannot be read
     */
    static Map<String, Object> read(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean checkpoint = false;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "layers" -> {
                        List<Integer> layers = new ArrayList<>();
                        while (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                            layers.add(p.getIntValue());
                        }
                        m.put("layers", layers);
                    }
                    case "learningRate" -> m.put("lr", p.getDoubleValue());
                    case "training" -> {
                        if (t != JsonToken.START_OBJECT) {
                            return null;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String g = p.currentName();
                            JsonToken u = p.nextToken();
                            if (g.equals("checkpoint") && u == JsonToken.START_OBJECT) {
                                checkpoint = true;
                                position(p, m);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return checkpoint && m.get("epochsDone") != null ? m : null;
    }

    /** Reads a checkpoint object's position and the name of its training data; skips the rest (its optimizer state). */
    private static void position(JsonParser p, Map<String, Object> m) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            if ((f.equals("epochsDone") || f.equals("samplesDone") || f.equals("epochs")) && t == JsonToken.VALUE_NUMBER_INT) {
                m.put(f, p.getIntValue());
            } else if (f.equals("train") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String g = p.currentName();
                    JsonToken u = p.nextToken();
                    if ((g.equals("name") || g.equals("dataset")) && u == JsonToken.VALUE_STRING) {
                        m.put(g.equals("name") ? "data" : "dataset", p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }
}
