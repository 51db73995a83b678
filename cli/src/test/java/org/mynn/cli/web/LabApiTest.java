package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/**
 * The training lab's API on real MNIST: start, the live stream, pause, step, a learning rate changed while it runs,
 * resume, stop, the error atlas, saving; one run at a time; requests from other sites, malformed or too large ones
 * refused before anything is allocated; a page that goes away mid-stream.
 */
@Tag(Tags.REAL_DATA)
// talks to the lab over HTTP and an event stream while it trains on the real MNIST; about 12 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabApiTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static Path models;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SMALL = "{\"samples\": 3000, \"epochs\": 2, \"hidden\": [30], \"seed\": 7, \"threads\": 1}";

    @BeforeAll
    static void start() throws Exception {
        RealData.mnist(Split.TRAIN);
        ModelJson json = new ModelJson(ActivationRegistry.load());
        models = Files.createDirectory(dir.resolve("models"));
        json.save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), models.resolve("model.json"));
        Files.writeString(models.resolve("notes.json"), "{\"not\": \"a model\"}");
        server = LabServers.start(models.resolve("model.json"), null, null, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stopAnyRun() throws Exception {
        post("/api/lab/stop", "{}");
        await(f -> !f.get("state").asText().matches("running|paused|pausing|stopping"), 30);
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, "application/json", null, body);
    }

    static HttpResponse<String> post(String path, String type, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .header("X-Mynn-Token", token()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token;

    static synchronized String token() {
        if (token == null) {
            token = LabServers.token(server.port());
        }
        return token;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String error(HttpResponse<String> r) throws Exception {
        return json(r).get("error").asText();
    }

    /** @return the lab's state once {@code until} holds, polled; fails after {@code seconds} */
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
    void options_listEveryInstalledPlugin() throws Exception {
        JsonNode o = json(get("/api/lab/options"));
        assertThat(o.get("activations").toString()).contains("sigmoid", "relu", "softmax");
        assertThat(o.get("losses").toString()).contains("mse", "cross-entropy");
        assertThat(o.get("optimizers").toString()).contains("sgd", "adam");
        assertThat(o.get("augmentations").toString()).contains("rotate", "elastic");
        assertThat(o.get("datasets").toString()).contains("mnist", "fashion-mnist");
    }

    @Test
    void aRun_isPausedSteppedSteeredResumedAndStopped_andItsAtlasAndModelKept() throws Exception {
        HttpResponse<String> started = post("/api/lab/start", "{\"epochs\": 3, \"hidden\": [40],"
                + " \"seed\": 3, \"threads\": 1, \"batch\": 1}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("run").asText()).contains("784-40-10", "60,000 images");
        // the plan as asked for, for the page's form to show the run it watches
        assertThat(json(started).get("plan").toString())
                .isEqualTo("{\"epochs\":3,\"hidden\":[40],\"seed\":3,\"threads\":1,\"batch\":1}");

        // a second Start while it runs gets a clear answer
        HttpResponse<String> again = post("/api/lab/start", SMALL);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again)).contains("a training run is under way", "one run at a time");

        await(f -> f.get("trained").asLong() > 0, 30);
        JsonNode paused = json(post("/api/lab/pause", "{}"));
        assertThat(paused.get("state").asText()).isIn("paused", "pausing");
        // "paused" once the training thread waits between two samples, having shown where it stopped: 'trained' is then
        // the trainer's own count of the samples of this run. A frame reads that count before the state, so the frame
        // that first says "paused" may still show a count from just before; the next one shows where it stopped
        await(f -> f.get("state").asText().equals("paused"), 30);
        JsonNode p = json(get("/api/lab/state"));
        assertThat(p.get("state").asText()).isEqualTo("paused");
        long at = p.get("trained").asLong();
        assertThat(p.get("canSave").asBoolean()).isTrue();

        // while it stays paused, the atlas on demand: a confusion matrix of the whole test set, its cells and explanations
        JsonNode c = json(post("/api/lab/confusion", "{}"));
        assertThat(c.get("matrix")).hasSize(10);
        long total = 0;
        for (JsonNode row : c.get("matrix")) {
            for (JsonNode n : row) {
                total += n.asLong();
            }
        }
        assertThat(total).isEqualTo(10_000);
        int actual = 0;
        int predicted = 0;
        long most = -1;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                if (i != j && c.get("matrix").get(i).get(j).asLong() > most) {
                    most = c.get("matrix").get(i).get(j).asLong();
                    actual = i;
                    predicted = j;
                }
            }
        }
        JsonNode cell = json(get("/api/lab/cell?actual=" + actual + "&predicted=" + predicted));
        assertThat(cell.get("count").asLong()).isEqualTo(most);
        JsonNode digit = cell.get("digits").get(0);
        assertThat(digit.get("scores")).hasSize(10);
        assertThat(java.util.Base64.getDecoder().decode(digit.get("pixels").asText())).hasSize(784);
        HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(uri("/api/lab/explain/" + digit.get("index").asInt())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(get("/api/lab/cell?actual=10&predicted=1").statusCode()).isEqualTo(400);
        assertThat(get("/api/lab/explain/10000").statusCode()).isEqualTo(404);

        // saved while paused, under a new name; the drawing view switches to it
        HttpResponse<String> saved = post("/api/lab/save", "{\"name\": \"lab-run\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("saved").asText()).isEqualTo("lab-run.json");
        assertThat(json(get("/api/model")).get("name").asText()).isEqualTo("lab-run.json");
        NeuralNetwork kept = new ModelJson(ActivationRegistry.load()).load(models.resolve("lab-run.json"));
        assertThat(kept.layers()).containsExactly(784, 40, 10);
        // not over an existing one without saying so, never outside the folder, never over what is not a model
        HttpResponse<String> exists = post("/api/lab/save", "{\"name\": \"lab-run.json\"}");
        assertThat(exists.statusCode()).isEqualTo(409);
        assertThat(json(exists).get("exists").asBoolean()).isTrue();
        assertThat(post("/api/lab/save", "{\"name\": \"lab-run.json\", \"overwrite\": true}").statusCode()).isEqualTo(200);
        assertThat(post("/api/lab/save", "{\"name\": \"../escape\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/lab/save", "{\"name\": \"a/b\"}").statusCode()).isEqualTo(400);
        // a picture's name is refused, not saved as training.png.json
        HttpResponse<String> picture = post("/api/lab/save", "{\"name\": \"training.png\"}");
        assertThat(picture.statusCode()).isEqualTo(400);
        assertThat(picture.body()).contains("'name' names a png file", "say 'training' or 'training.json'");
        assertThat(models.resolve("training.png.json")).doesNotExist();
        assertThat(post("/api/lab/save", "{\"name\": \"notes\", \"overwrite\": true}").statusCode()).isEqualTo(409);
        assertThat(Files.readString(models.resolve("notes.json"))).contains("not");
        assertThat(Files.exists(dir.resolve("escape.json"))).isFalse();

        // a paused run trains nothing: after all of the above done while it was paused, it still stands where it
        // stopped, and a step of 100 samples pauses it again exactly 100 samples on; the count is the trainer's own, so
        // any sample trained while it was paused, however briefly, would be counted in it
        JsonNode still = json(get("/api/lab/state"));
        assertThat(still.get("state").asText()).isEqualTo("paused");
        assertThat(still.get("trained").asLong()).as("a paused run trains nothing").isEqualTo(at);
        JsonNode stepped = json(post("/api/lab/step", "{\"samples\": 100}"));
        assertThat(stepped.get("step").asLong()).isEqualTo(100);
        // as above, a frame may say "paused" with a count read mid-step: the one to check is at or past the step's end
        JsonNode afterStep = await(f -> f.get("state").asText().equals("paused") && f.get("trained").asLong() >= at + 100,
                30);
        assertThat(afterStep.get("trained").asLong()).as("a paused run trains nothing; a step trains just its samples")
                .isEqualTo(at + 100);

        // the learning rate changed while paused holds from the next sample on
        JsonNode changed = json(post("/api/lab/lr", "{\"lr\": 0.05}"));
        assertThat(changed.get("learningRate").asDouble()).isEqualTo(0.05);
        assertThat(post("/api/lab/lr", "{\"lr\": -1}").statusCode()).isEqualTo(400);

        // resumed, it goes on; stopped, it ends and keeps its network
        json(post("/api/lab/resume", "{}"));
        await(f -> f.get("state").asText().equals("running") && f.get("trained").asLong() > at + 100, 30);
        assertThat(post("/api/lab/save", "{\"name\": \"while-running\"}").statusCode()).isEqualTo(409);
        json(post("/api/lab/stop", "{}"));
        JsonNode end = await(f -> f.get("state").asText().equals("stopped"), 30);
        assertThat(end.get("trained").asLong()).isLessThan(180_000);
        assertThat(post("/api/lab/pause", "{}").statusCode()).isEqualTo(409);
        assertThat(post("/api/lab/save", "{\"name\": \"stopped\"}").statusCode()).isEqualTo(200);
        NeuralNetwork stopped = new ModelJson(ActivationRegistry.load()).load(models.resolve("stopped.json"));
        assertThat(stopped.provenance().other().get("learningRateChanges")).as("the change is in the model's facts")
                .asString().contains("0.05");
    }

    @Test
    void aWholeRun_streamsFramesAndEndsWithEpochResultsAndAnAtlas() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET /api/lab/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Stream in = new Stream(s.getInputStream());
            String head = in.until("event: frame");
            assertThat(head).contains("200", "text/event-stream");
            assertThat(post("/api/lab/start", "{\"samples\": 4000, \"epochs\": 2, \"hidden\": [25], \"seed\": 7,"
                    + " \"threads\": 1}").statusCode()).isEqualTo(200);
            in.until("784-25-10");
            String stream = in.until("\"state\":\"finished\"") + in.until("\n\n");
            assertThat(stream).contains("\"backquery\":[[", "\"heldOut\"", "\"epochResults\":[{\"epoch\":1");
            JsonNode end = await(f -> f.get("state").asText().equals("finished") && f.get("atlasEpoch").asInt() == 2, 30);
            assertThat(end.get("run").asText()).contains("784-25-10");
            assertThat(end.get("epochResults")).hasSize(2);
            assertThat(end.get("epochResults").get(1).get("accuracy").asDouble()).isGreaterThan(0.8);
            assertThat(end.get("trained").asLong()).isEqualTo(8000);
            HttpResponse<byte[]> w = HTTP.send(HttpRequest.newBuilder(uri("/api/lab/weights.png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(w.statusCode()).isEqualTo(200);
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(w.body())).getWidth()).isGreaterThan(100);
        }
    }

    /** An event stream read as it arrives. */
    static final class Stream {
        private final InputStream in;
        private final StringBuilder got = new StringBuilder();
        private int pos;

        Stream(InputStream in) {
            this.in = in;
        }

        /** @return what arrived after the last marker found, until and with {@code marker} */
        String until(String marker) throws Exception {
            byte[] buf = new byte[8192];
            int at;
            while ((at = got.indexOf(marker, pos)) < 0) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new AssertionError("the stream ended before '" + marker + "': " + got.substring(pos));
                }
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            String out = got.substring(pos, at + marker.length());
            pos = at + marker.length();
            return out;
        }
    }

    @Test
    void aPageThatGoesAwayMidStream_isDropped_andTheRunGoesOn() throws Exception {
        assertThat(post("/api/lab/start", "{\"epochs\": 20, \"hidden\": [100], \"seed\": 1, \"threads\": 1}")
                .statusCode()).isEqualTo(200);
        long quiet = System.nanoTime() + 20_000_000_000L;
        while (server.labListeners() > 0 && System.nanoTime() < quiet) {
            Thread.sleep(50);
        }
        int before = server.labListeners();
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write(("GET /api/lab/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        new Stream(s.getInputStream()).until("event: frame");
        assertThat(server.labListeners()).isEqualTo(before + 1);
        s.setSoLinger(true, 0);
        s.close();
        long end = System.nanoTime() + 20_000_000_000L;
        while (server.labListeners() > before && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(server.labListeners()).as("the page that went away is dropped").isEqualTo(before);
        long trained = json(get("/api/lab/state")).get("trained").asLong();
        await(f -> f.get("trained").asLong() > trained, 30);
    }

    @Test
    void twoStartsAtOnce_oneRuns_theOtherIsRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            Callable<HttpResponse<String>> start = () -> post("/api/lab/start", SMALL);
            answers.add(pool.submit(start));
            answers.add(pool.submit(start));
            List<Integer> codes = new ArrayList<>();
            for (Future<HttpResponse<String>> a : answers) {
                codes.add(a.get().statusCode());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void startsFromOtherSitesOrNotAsJson_areRefused() throws Exception {
        HttpResponse<String> cross = post("/api/lab/start", "application/json", "http://evil.example", SMALL);
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(post("/api/lab/stop", "application/json", "http://evil.example", "{}").statusCode()).isEqualTo(403);
        assertThat(post("/api/lab/save", "application/json", "http://evil.example", "{\"name\": \"x\"}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> form = post("/api/lab/start", "application/x-www-form-urlencoded", null, "epochs=1");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(get("/api/lab/state")).get("state").asText()).isNotEqualTo("running");
        assertThat(get("/api/lab/start").statusCode()).isEqualTo(405);
    }

    @Test
    void badPlans_areRefusedNamingTheField_beforeAnythingIsAllocated() throws Exception {
        String[][] cases = {
            {"{\"hidden\": [100000000]}", "'hidden': sizes must be from 1 to 1,000,000 but '100000000' has"},
            {"{\"hidden\": [20000, 20000]}", "'hidden': the 415,880,000 weights of a 784-20000-20000-10 network"},
            {"{\"hidden\": [20000], \"batch\": 10000, \"epochs\": 1, \"samples\": 20000}", "'batch': the 15,880,000 weights of a 784-20000-10 network trained in batches of 10,000 need about"},
            {"{\"hidden\": \"lots\"}", "'hidden' must be a list"},
            {"{\"activation\": \"swish\"}", "'activation'"},
            {"{\"lr\": -0.1}", "'lr': must be above 0 and at most 1000 but is -0.1"},
            {"{\"epochs\": 0}", "'epochs': must be from 1 to 10,000 but is 0"},
            {"{\"dataset\": \"cifar\"}", "'dataset' must be one of [mnist, fashion-mnist]"},
            {"{\"dataset\": \"server\"}", "started without training data"},
            {"{\"samples\": 70000}", "'samples': is 70,000 but mnist/train has 60,000"},
            {"{\"loss\": \"hinge\"}", "'loss'"},
            {"{\"optimizer\": \"rmsprop\"}", "'optimizer'"},
            {"{\"augment\": \"blur:3\"}", "'augment'"},
            {"{\"precision\": \"half\"}", "'precision': unknown precision 'half'; expected double or float"},
            {"{\"threads\": 1000}", "'threads': must be from 1 to 256 but is 1000"},
            {"{\"epochz\": 3}", "unknown field 'epochz'"},
            {"[1, 2]", "expected a JSON object"},
            {"{\"epochs\": ", "the body is not valid JSON: it ends before its last value is closed at line 1"},
            {"{", "the body is not valid JSON: it ends before"},
            {"{\"augment\": \"shift:100\"}", "'augment': shift's PIXELS is 100 but a 28x28 picture moved by more than 14"},
            {"{\"augment\": \"rotate:10,rotate:10\"}", "'augment': 'rotate' is given twice"},
            {"{\"batch\": 70000}", "'batch': is 70,000 but the run learns from 60,000 samples"},
            {"{\"keep\": \"best\"}", "'keep': best needs images held out"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post("/api/lab/start", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(error(r)).as(c[0]).contains(c[1]).doesNotContain("StreamReadFeature").doesNotContain("Exception");
        }
        // an error never echoes a large request back
        HttpResponse<String> big = post("/api/lab/start", "{\"activation\": \"" + "x".repeat(800_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(big.body().length()).isLessThan(1000);
        HttpResponse<String> bigField = post("/api/lab/start", "{\"" + "y".repeat(100_000) + "\": 1}");
        assertThat(bigField.statusCode()).isEqualTo(400);
        assertThat(bigField.body().length()).isLessThan(1000);
        assertThat(json(get("/api/lab/state")).get("state").asText()).isNotEqualTo("running");
        assertThat(post("/api/lab/step", "{\"samples\": 0}").statusCode()).isEqualTo(400);
        assertThat(post("/api/lab/nothing", "{}").statusCode()).isEqualTo(404);
        // a misspelt or unsupported field of the other requests is refused by name, not ignored
        String[][] others = {
            {"/api/lab/preset", "{\"name\": \"lr\", \"sample\": 500}", "unknown field 'sample'; the fields are [name, samples]"},
            {"/api/lab/continue", "{\"name\": \"mine.json\", \"lr\": 0.5}", "unknown field 'lr'; the fields are [name, threads]"},
            {"/api/lab/save", "{\"nam\": \"x\"}", "unknown field 'nam'; the fields are [name, overwrite]"},
            {"/api/lab/step", "{\"sample\": 10}", "unknown field 'sample'; the fields are [samples]"},
            {"/api/lab/lr", "{\"rate\": 0.1}", "unknown field 'rate'; the fields are [lr]"},
        };
        for (String[] c : others) {
            HttpResponse<String> r = post(c[0], c[1]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(error(r)).as(c[0]).isEqualTo(c[2]);
        }
        assertThat(json(get("/api/lab/state")).get("state").asText()).isNotEqualTo("running");
    }

    @Test
    void theDataTheServerWasStartedWith_canBeTrainedOn() throws Exception {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        Path own = Files.createDirectory(dir.resolve("own"));
        json.save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), own.resolve("model.json"));
        try (WebServer s = LabServers.start(own.resolve("model.json"), null, RealData.mnist(Split.TRAIN).part(0, 2000),
                RealData.mnist(Split.TEST).part(0, 500))) {
            URI base = URI.create("http://127.0.0.1:" + s.port());
            HttpResponse<String> options = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/lab/options")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json(options).get("datasets").toString()).contains("server");
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/lab/start"))
                    .header("Content-Type", "application/json").header("X-Mynn-Token", LabServers.token(s.port())).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"dataset\": \"server\", \"epochs\": 1, \"hidden\": [10], \"threads\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            assertThat(json(started).get("run").asText()).contains("on server (2,000 images)");
            long end = System.nanoTime() + 30_000_000_000L;
            JsonNode f;
            do {
                Thread.sleep(100);
                f = json(HTTP.send(HttpRequest.newBuilder(base.resolve("/api/lab/state")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } while (!f.get("state").asText().equals("finished") && System.nanoTime() < end);
            assertThat(f.get("state").asText()).isEqualTo("finished");
            assertThat(f.get("trained").asLong()).isEqualTo(2000);
            assertThat(f.get("epochResults").get(0).get("interval95")).as("over the server's 500 test images").hasSize(2);
        }
    }
}
