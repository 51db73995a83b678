package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.Dataset;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/**
 * The lab's math of one sample ({@code /api/lab/math}, {@code /api/lab/math/step}) on real MNIST: the numbers of a test
 * image or a drawing through the run's network, and the step taken for real on a paused run only (409 otherwise, 403
 * without the lab's token), doing exactly what the math predicted.
 */
@Tag(Tags.REAL_DATA)
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabMathApiTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        RealData.mnist(Split.TRAIN);
        Path models = Files.createDirectory(dir.resolve("models"));
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(),
                models.resolve("model.json"));
        server = LabServers.start(models.resolve("model.json"), null, null, null);
        token = LabServers.token(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            b.header("X-Mynn-Token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static JsonNode await(Predicate<JsonNode> until, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode f;
        do {
            f = json(get("/api/lab/state"));
            if (until.test(f)) {
                return f;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("the lab did not get there in " + seconds + " s; it is at " + f);
    }

    @Test
    void theMathOfOneSample_andItsStepTakenForRealOnAPausedRunOnly() throws Exception {
        assertThat(get("/api/lab/math?index=0").statusCode()).as("no run yet").isEqualTo(404);
        HttpResponse<String> started = post("/api/lab/start", "{\"epochs\": 2, \"hidden\": [30], \"seed\": 5,"
                + " \"threads\": 1, \"lr\": 0.2}", true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        await(f -> f.get("trained").asLong() > 0, 60);

        // while it runs: the numbers of the network as last seen, but no step
        HttpResponse<String> running = post("/api/lab/math/step", "{\"index\": 3}", true);
        assertThat(running.statusCode()).as(running.body()).isEqualTo(409);
        assertThat(json(running).get("error").asText()).contains("pause the run first");

        post("/api/lab/pause", "{}", true);
        JsonNode paused = await(f -> f.get("state").asText().equals("paused"), 60);
        long trained = paused.get("trained").asLong();

        Dataset test = RealData.mnist(Split.TEST);
        JsonNode m = json(get("/api/lab/math?index=3"));
        assertThat(m.get("source").asText()).isEqualTo(test.name() + " #3");
        assertThat(m.get("label").asInt()).isEqualTo(test.label(3));
        assertThat(m.get("shape").asText()).isEqualTo("784-30-10");
        assertThat(m.get("learningRate").asDouble()).isEqualTo(0.2);
        assertThat(m.get("rule").asText()).isEqualTo("book");
        assertThat(m.get("canStep").asBoolean()).isTrue();
        assertThat(m.get("bookStep").asBoolean()).isTrue();
        JsonNode l0 = m.get("layers").get(0);
        JsonNode l1 = m.get("layers").get(1);
        // the inputs scaled as the book scales them
        assertThat(l0.get("inputs").get(0).asDouble()).isEqualTo(0.01);
        for (int p = 0; p < 784; p++) {
            assertThat(l0.get("inputs").get(p).asDouble()).isCloseTo(test.pixel(3, p) / 255.0 * 0.99 + 0.01, within(1e-5));
        }
        assertThat(l0.get("signals")).hasSize(30);
        assertThat(l1.get("outputs")).hasSize(10);
        // o = sigmoid(z), e = t - o, d = e o (1 - o) at the output: the book's formulas, with this network's numbers
        for (int i = 0; i < 10; i++) {
            double z = l1.get("signals").get(i).asDouble();
            double o = l1.get("outputs").get(i).asDouble();
            double t = m.get("targets").get(i).asDouble();
            assertThat(o).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-5));
            assertThat(t).isEqualTo(i == test.label(3) ? 0.99 : 0.01);
            assertThat(l1.get("error").get(i).asDouble()).isCloseTo(t - o, within(1e-5));
            assertThat(l1.get("delta").get(i).asDouble()).isCloseTo((t - o) * o * (1 - o), within(1e-5));
        }
        assertThat(l1.get("largest")).hasSize(LabMath.LARGEST);
        assertThat(m.get("valueAfter").asDouble()).isLessThan(m.get("value").asDouble());

        // the step needs the token, as every request that changes the lab
        HttpResponse<String> noToken = post("/api/lab/math/step", "{\"index\": 3}", false);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json(get("/api/lab/state")).get("trained").asLong()).isEqualTo(trained);

        HttpResponse<String> stepped = post("/api/lab/math/step", "{\"index\": 3}", true);
        assertThat(stepped.statusCode()).as(stepped.body()).isEqualTo(200);
        JsonNode s = json(stepped);
        assertThat(s.get("stepped").get("asPredicted").asBoolean()).as("the step did what the math said, bit for bit")
                .isTrue();
        assertThat(s.get("stepped").get("outputsAfter")).isEqualTo(m.get("outputsAfter"));
        assertThat(s.get("outputs")).isEqualTo(m.get("outputsAfter"));
        JsonNode after = await(f -> f.get("trained").asLong() == trained + 1, 30);
        assertThat(after.get("state").asText()).as("still paused").isEqualTo("paused");
        // the network the lab shows now is the one after the step
        assertThat(json(get("/api/lab/math?index=3")).get("outputs")).isEqualTo(m.get("outputsAfter"));

        // the model saved now records the sample trained by hand
        HttpResponse<String> saved = post("/api/lab/save", "{\"name\": \"stepped\"}", true);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        NeuralNetwork kept = new ModelJson(ActivationRegistry.load()).load(dir.resolve("models").resolve("stepped.json"));
        assertThat(kept.provenance().other().get("samplesByHand")).asString().contains("label=" + test.label(3));

        // a drawing with its label, and bad ones
        StringBuilder px = new StringBuilder("[");
        for (int p = 0; p < 784; p++) {
            px.append(p == 0 ? "" : ",").append(test.pixel(7, p));
        }
        px.append(']');
        HttpResponse<String> drawn = post("/api/lab/math", "{\"pixels\": " + px + ", \"label\": " + test.label(7) + "}", true);
        assertThat(drawn.statusCode()).as(drawn.body()).isEqualTo(200);
        assertThat(json(drawn).get("source").asText()).isEqualTo("your drawing");
        assertThat(json(drawn).get("outputs")).isEqualTo(json(get("/api/lab/math?index=7")).get("outputs"));
        HttpResponse<String> noLabel = post("/api/lab/math", "{\"pixels\": " + px + "}", true);
        assertThat(noLabel.statusCode()).isEqualTo(400);
        assertThat(json(noLabel).get("error").asText()).contains("'label'");
        HttpResponse<String> short_ = post("/api/lab/math", "{\"pixels\": [1, 2], \"label\": 1}", true);
        assertThat(short_.statusCode()).isEqualTo(400);
        assertThat(json(short_).get("error").asText()).contains("'pixels' must have 784 values");
        HttpResponse<String> badIndex = get("/api/lab/math?index=10000");
        assertThat(badIndex.statusCode()).isEqualTo(400);
        assertThat(json(badIndex).get("error").asText()).contains("'index'", "0 to 9999");

        // once the run is over, no step
        post("/api/lab/stop", "{}", true);
        await(f -> !f.get("state").asText().matches("running|paused|pausing|stopping"), 60);
        HttpResponse<String> ended = post("/api/lab/math/step", "{\"index\": 3}", true);
        assertThat(ended.statusCode()).isEqualTo(409);
        assertThat(json(get("/api/lab/math?index=3")).get("canStep").asBoolean()).isFalse();
    }
}
