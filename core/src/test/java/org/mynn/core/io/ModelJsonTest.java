package org.mynn.core.io;

import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;

class ModelJsonTest {

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    @TempDir
    Path dir;

    static NeuralNetwork trainedBookNet() {
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10).seed(77).build();
        Random r = new Random(345);
        for (int n = 0; n < 20; n++) {
            double[] t = new double[10];
            java.util.Arrays.fill(t, 0.01);
            t[n % 10] = 0.99;
            net.train(r.doubles(784, 0.01, 1.0).toArray(), t);
        }
        return net;
    }

    @Test
    void saveThenLoad_bookNetwork_bitIdenticalWeightsAndQueries() throws IOException {
        NeuralNetwork trained = trainedBookNet();
        NeuralNetwork net = trained.withProvenance(trained.provenance().toBuilder().accuracy(0.9731)
                .epoch(new Provenance.Epoch(1, 0.9731, 0.0123, 2.5)).build());
        Path file = dir.resolve("model.json");
        JSON.save(net, file);
        NeuralNetwork back = JSON.load(file);
        assertThat(back.layers()).containsExactly(784, 200, 10);
        for (int k = 0; k < 2; k++) {
            long[] a = java.util.Arrays.stream(net.weights(k).data).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] b = java.util.Arrays.stream(back.weights(k).data).mapToLong(Double::doubleToRawLongBits).toArray();
            assertThat(b).containsExactly(a);
        }
        double[] x = new Random(1).doubles(784).toArray();
        assertThat(back.query(x)).containsExactly(net.query(x));
        assertThat(back.learningRate()).isEqualTo(0.1);
        assertThat(back.provenance().seed()).isEqualTo(77L);
        assertThat(back.provenance().accuracy()).isEqualTo(0.9731);
        assertThat(back.provenance().history()).containsExactly(new Provenance.Epoch(1, 0.9731, 0.0123, 2.5));
        assertThat(dir.toFile().list()).containsExactly("model.json");
    }

    @Test
    void save_writesTheDocumentedShape() throws IOException {
        Path file = dir.resolve("m.json");
        JSON.save(trainedBookNet(), file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("format").asText()).isEqualTo("mynn-model");
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("layers").toString()).isEqualTo("[784,200,10]");
        assertThat(root.get("activations").toString()).isEqualTo("[\"sigmoid\",\"sigmoid\"]");
        assertThat(root.get("learningRate").asDouble()).isEqualTo(0.1);
        assertThat(root.get("weights").size()).isEqualTo(2);
        assertThat(root.get("weights").get(0).size()).isEqualTo(200);
        assertThat(root.get("weights").get(0).get(0).size()).isEqualTo(784);
        assertThat(root.get("weights").get(1).size()).isEqualTo(10);
        assertThat(root.get("weights").get(1).get(9).size()).isEqualTo(200);
        assertThat(root.get("training").get("seed").asLong()).isEqualTo(77);
        assertThat(Files.readAllLines(file)).hasSizeGreaterThan(210).allMatch(l -> l.length() < 20_000);
    }

    /** The golden file written by the first release: it must load, unchanged, forever. */
    @Test
    void goldenModelV1_loadsAndAnswersAsWhenItWasWritten() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("model-v1.json")) {
            bytes = in.readAllBytes();
        }
        NeuralNetwork net = JSON.read(bytes, "model-v1.json");
        assertThat(net.layers()).containsExactly(4, 3, 2);
        assertThat(net.activation(0).name()).isEqualTo("tanh");
        assertThat(net.weights(1).get(1, 2)).isEqualTo(-0.6368105399626087);
        assertThat(net.query(new double[] {0.3, 0.6, 0.9, 0.1})).containsExactly(0.7491196272460339, 0.43726761675345244);
        assertThat(net.provenance().dataset()).isEqualTo("golden-example");
        assertThat(JSON.toJson(net)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The golden file of the typed provenance (platform, data with SHA-256, a checkpoint's typed data references). */
    @Test
    void goldenProvenance_loadsTyped_andWritesBackTheSameBytes() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("model-v1-provenance.json")) {
            bytes = in.readAllBytes();
        }
        NeuralNetwork net = JSON.read(bytes, "model-v1-provenance.json");
        Provenance p = net.provenance();
        assertThat(p.precision()).isEqualTo(Precision.FLOAT);
        assertThat(p.platform()).isEqualTo(new Provenance.Platform("0.1.0", "17.0.15", "Linux", "amd64", "vector", 512));
        assertThat(p.data().dataset()).isEqualTo("golden");
        assertThat(p.data().files()).extracting(Provenance.DataFile::path).containsExactly("golden-images", "golden-labels");
        assertThat(p.data().augment()).isEqualTo("rotate:10");
        assertThat(p.checkpoint().epochsDone()).isEqualTo(1);
        assertThat(p.checkpoint().train()).isEqualTo(p.data());
        assertThat(p.checkpoint().test().files().get(0).sha256()).isEqualTo("5e".repeat(32));
        assertThat(p.history()).containsExactly(new Provenance.Epoch(1, 0.5, 0.125, 0.25));
        assertThat(JSON.toJson(net)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Checkpoints written before the provenance was typed name their data by a string and a map; they still load. */
    @Test
    void olderCheckpoint_withItsDataMap_loadsAsTypedReferences() {
        String json = golden().replace("\"created\"", "\"checkpoint\": {\"epochsDone\": 1, \"samplesDone\": 7, \"epochs\": 3,"
                + " \"train\": \"train.csv\", \"trainSize\": 20, \"test\": \"test.csv\", \"data\": {\"train\": \"/d/train.csv\","
                + " \"test\": \"/d/test.csv\", \"classes\": \"10\", \"augment\": \"rotate:10\"}},\n    \"created\"");
        Provenance.Checkpoint c = JSON.fromJson(json, "old.json").provenance().checkpoint();
        assertThat(c.samplesDone()).isEqualTo(7);
        assertThat(c.train()).isEqualTo(new Provenance.DataReference("train.csv", null, null, null, 20, 10,
                java.util.List.of(new Provenance.DataFile("/d/train.csv", null)), "rotate:10"));
        assertThat(c.test().files()).containsExactly(new Provenance.DataFile("/d/test.csv", null));
    }

    @Test
    void load_refusesTrailingText_aByteOrderMark_aClassCountThatDiffers_andHugeWeights() {
        assertThatThrownBy(() -> JSON.fromJson(golden() + "extra", "t.json"))
                .hasMessage("t.json: has more after the model's closing '}' on line 27; a model file holds one JSON"
                        + " object and nothing else");
        assertThatThrownBy(() -> JSON.fromJson(golden() + "{}", "t.json")).hasMessageStartingWith("t.json: has more after");
        assertThatThrownBy(() -> JSON.fromJson("\uFEFF" + golden(), "bom.json"))
                .hasMessage("bom.json: starts with a UTF-8 byte-order mark; save the file without one (plain UTF-8, as mynn"
                        + " writes models)");
        assertThatThrownBy(() -> JSON.fromJson(golden().replace("\"dataset\"", "\"classes\": [\"a\", \"b\", \"c\"],\n"
                + "    \"dataset\""), "c.json")).hasMessage("c.json: field 'training.classes' names 3 classes but the network"
                        + " has 2 outputs");
        assertThatThrownBy(() -> JSON.fromJson(golden().replace("-0.6368105399626087", "1e308"), "w.json"))
                .hasMessage("w.json: field 'weights[1][1][2]' is 1.0E308, beyond ±1e100: products of such weights overflow"
                        + " (no trained network has them)");
    }

    @Test
    void save_refusesWeightsBeyond1e100() {
        NeuralNetwork net = trainedBookNet();
        org.ejml.data.DMatrixRMaj[] w = net.allWeights();
        w[1].data[3] = -1e200;
        NeuralNetwork huge = net.with(w, net.learningRate(), net.provenance());
        Path f = dir.resolve("huge.json");
        assertThatThrownBy(() -> JSON.save(huge, f)).hasMessage("cannot save " + f + ": a weight is 1.0E200, beyond ±1e100"
                + " (the training diverged); products of such weights overflow");
        assertThat(f).doesNotExist();
    }

    @Test
    void load_weightsBeforeLayers_stillLoadsTheSameNetwork() {
        String g = golden();
        int w0 = g.indexOf("  \"weights\"");
        int w1 = g.indexOf("  \"training\"");
        String moved = g.substring(0, g.indexOf("  \"layers\"")) + g.substring(w0, w1) + g.substring(g.indexOf("  \"layers\""), w0)
                + g.substring(w1);
        NeuralNetwork a = JSON.fromJson(g, "a.json");
        NeuralNetwork b = JSON.fromJson(moved, "b.json");
        assertThat(b.weights(1).data).containsExactly(a.weights(1).data);
        assertThat(b.weights(0).data).containsExactly(a.weights(0).data);
    }

    @Test
    void unknownTrainingFacts_surviveARoundTrip() {
        String json = golden().replace("\"created\"", "\"futureFact\": {\"a\": [1, 2]},\n    \"created\"");
        NeuralNetwork net = JSON.fromJson(json, "x.json");
        assertThat(JSON.toJson(net)).contains("\"futureFact\"");
        assertThat(net.provenance().other()).containsKey("futureFact");
    }

    static String golden() {
        try (InputStream in = ModelJsonTest.class.getResourceAsStream("model-v1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each broken variant of the golden file and the message loading it must give. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "\"format\": \"mynn-model\"|\"format\": \"keras\"|m.json: field 'format' is \"keras\" but a mynn model has \"mynn-model\"",
        "\"format\": \"mynn-model\",|~~|m.json: missing field 'format'",
        "\"version\": 1|\"version\": 3|m.json: model format version 3 is newer than this mynn reads (up to 2); upgrade mynn",
        "\"version\": 1|\"version\": 0|m.json: field 'version' must be 1 or more but is 0",
        "\"version\": 1|\"version\": \"1\"|m.json: field 'version' must be a whole number but is \"1\"",
        "\"layers\": [4,3,2],|~~|m.json: missing field 'layers'",
        "\"layers\": [4,3,2]|\"layers\": [4,-3,2]|m.json: field 'layers[1]' must be a positive whole number but is -3",
        "\"layers\": [4,3,2]|\"layers\": [4]|m.json: field 'layers' must be an array of at least 2 layer sizes but is an array of 1",
        "\"layers\": [4,3,2]|\"layers\": [4,3,3]|m.json: field 'weights[1]' must have 3 rows (layers[2]) but has 2",
        "\"layers\": [4,3,2]|\"layers\": [5,3,2]|m.json: field 'weights[0][0]' must have 5 numbers (layers[0]) but has 4",
        "\"activations\": [\"tanh\",\"sigmoid\"],|~~|m.json: missing field 'activations'",
        "[\"tanh\",\"sigmoid\"]|[\"tanh\"]|m.json: field 'activations' must be an array of 2 names (one per weight matrix) but is an array of 1",
        "[\"tanh\",\"sigmoid\"]|[\"tanh\",\"cube\"]|m.json: field 'activations[1]': unknown activation 'cube'; available: leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more)",
        "\"learningRate\": 0.25|\"learningRate\": -1|m.json: field 'learningRate' must be a positive finite number but is -1",
        "\"learningRate\": 0.25,|~~|m.json: missing field 'learningRate'",
        "0.2302471685012824|NaN|m.json: field 'weights[0][0][0]' must be a finite number but is NaN",
        "-0.6368105399626087|1e999|m.json: field 'weights[1][1][2]' must be a finite number but is Infinity",
        "-0.6368105399626087|\"x\"|m.json: field 'weights[1][1][2]' must be a number but is \"x\"",
        "-0.6368105399626087]|-0.6368105399626087,1]|m.json: field 'weights[1][1]' must have 3 numbers (layers[1]) but has 4",
        "\"training\": {|\"training\": 5, \"x\": {|m.json: field 'training' must be an object but is 5",
        "\"seed\": 2016|\"seed\": \"abc\"|m.json: field 'training.seed' must be a whole number, not \"abc\"",
    })
    void load_brokenField_failsNamingTheFieldAndWhatWasExpected(String find, String replace, String message) {
        String json = golden();
        assertThat(json).contains(find);
        String broken = json.replace(find, replace == null ? "" : replace);
        assertThatThrownBy(() -> JSON.fromJson(broken, "m.json")).isInstanceOf(MynnException.class).hasMessage(message);
    }

    @Test
    void load_missingWeightsField_failsNamingIt() {
        String broken = golden().replaceAll("(?s)\"weights\": \\[.*?\\]\\n  \\],", "");
        assertThatThrownBy(() -> JSON.fromJson(broken, "m.json")).hasMessage("m.json: missing field 'weights'");
    }

    @Test
    void load_notJson_failsWithLineAndColumn() {
        assertThatThrownBy(() -> JSON.fromJson("{\n  \"format\": mynn\n}", "bad.json")).isInstanceOf(MynnException.class)
                .hasMessageStartingWith("bad.json: is not valid JSON at line 2, column 13: Unrecognized token 'mynn'");
        assertThatThrownBy(() -> JSON.fromJson("{\"format\": \"mynn-model\"", "cut.json")).isInstanceOf(MynnException.class)
                .hasMessageStartingWith("cut.json: is not valid JSON at line 1, column 24: Unexpected end-of-input");
    }

    @Test
    void load_emptyOrForeignFiles_sayWhatTheyLookLike() throws IOException {
        Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);
        assertThatThrownBy(() -> JSON.load(empty)).hasMessage(empty + ": is empty; expected a mynn model (JSON)");
        Path png = Files.write(dir.resolve("digit.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10});
        assertThatThrownBy(() -> JSON.load(png)).hasMessage(png + ": is not a mynn model: expected a JSON object "
                + "starting with '{' but the file starts with bytes 89 50 4e 47 (a PNG image)");
        Path csv = Files.writeString(dir.resolve("mnist_train.csv"), "5,0,0,0\n");
        assertThatThrownBy(() -> JSON.load(csv)).hasMessageEndingWith("the file starts with bytes 35 2c 30 2c (text, perhaps CSV)");
        assertThatThrownBy(() -> JSON.fromJson("[1, 2]", "arr.json")).hasMessageContaining("arr.json: is not a mynn model");
    }

    @Test
    void load_missingFileOrFolder_failsNamingIt() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> JSON.load(missing)).isInstanceOf(MynnException.class).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> JSON.load(dir)).isInstanceOf(MynnException.class)
                .hasMessage(dir + ": is a folder, not a model file");
    }

    @Test
    void save_intoMissingFolder_failsAndWritesNothing() {
        Path target = dir.resolve("no/such/folder/model.json");
        assertThatThrownBy(() -> JSON.save(trainedBookNet(), target)).isInstanceOf(MynnException.class)
                .hasMessage("cannot write " + target + ": folder " + target.getParent() + " does not exist");
    }
}
