package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.web.LabServers;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/**
 * Keep and resume from the lab: a run paused mid-way and saved from the lab is the checkpoint {@code mynn train}
 * writes (model, optimizer state, position, specification); {@code mynn train --resume} and the lab's Continue both
 * take it up and end bit for bit where the uninterrupted run of the same specification ends.
 */
@Tag(Tags.REAL_DATA)
// three short runs on 6,000 real MNIST images, over HTTP and in-process; about 15 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabKeepTest {

    static final ModelJson MODELS = new ModelJson(ActivationRegistry.load());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Past the book on purpose: momentum has state, which a resume that lost it would not reproduce. */
    static final String SPEC = "{\"samples\": 6000, \"epochs\": 2, \"hidden\": [30], \"seed\": 7, \"threads\": 1,"
            + " \"optimizer\": \"momentum\", \"bias\": true, \"lr\": 0.05}";

    @TempDir
    Path dir;
    WebServer server;
    String token;

    @Test
    void aRunSavedMidWayFromTheLab_resumesBitForBit_withTrainResume_andInTheLab() throws Exception {
        RealData.mnist(Split.TRAIN);
        Path models = Files.createDirectory(dir.resolve("models"));
        MODELS.save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), models.resolve("model.json"));
        server = LabServers.start(models.resolve("model.json"), null, null, null);
        try {
            token = LabServers.token(server.port());

            // started and paused at once, then stepped 7,000 images: it pauses exactly there, 1,000 into epoch 2
            assertThat(post("/api/lab/start", SPEC, true).statusCode()).isEqualTo(200);
            post("/api/lab/pause", "{}", true);
            await(f -> f.get("state").asText().equals("paused"), 60);
            assertThat(post("/api/lab/step", "{\"samples\": 7000}", true).statusCode()).isEqualTo(200);
            JsonNode paused = await(f -> f.get("state").asText().equals("paused") && f.get("trained").asLong() >= 7000, 120);
            assertThat(paused.get("trained").asLong()).isEqualTo(7000);

            // without the token, nothing is saved or continued
            assertThat(post("/api/lab/save", "{\"name\": \"mid\"}", false).statusCode()).isEqualTo(403);
            assertThat(post("/api/lab/continue", "{\"name\": \"mid.json\"}", false).statusCode()).isEqualTo(403);
            assertThat(models.resolve("mid.json")).doesNotExist();

            HttpResponse<String> saved = post("/api/lab/save", "{\"name\": \"mid\"}", true);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            JsonNode s = JSON.readTree(saved.body());
            assertThat(s.get("checkpoint").asBoolean()).isTrue();
            assertThat(s.get("epochsDone").asInt()).isEqualTo(1);
            assertThat(s.get("samplesDone").asInt()).isEqualTo(1000);
            assertThat(s.get("resume").asText()).startsWith("mynn train --resume " + models.resolve("mid.json"));
            NeuralNetwork mid = MODELS.load(models.resolve("mid.json"));
            assertThat(mid.provenance().checkpoint().optimizerState()).as("the optimizer's state is kept").isNotNull();
            assertThat(mid.provenance().checkpoint().epochs()).isEqualTo(2);

            // while it is paused, another run cannot be continued: one run at a time
            HttpResponse<String> busy = post("/api/lab/continue", "{\"name\": \"mid.json\"}", true);
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(error(busy)).contains("a training run is under way");

            // stopped where it was paused, it saves the same checkpoint
            post("/api/lab/stop", "{}", true);
            await(f -> f.get("state").asText().equals("stopped"), 60);
            assertThat(post("/api/lab/save", "{\"name\": \"stopped\"}", true).statusCode()).isEqualTo(200);
            NeuralNetwork stopped = MODELS.load(models.resolve("stopped.json"));
            assertThat(stopped.provenance().checkpoint().samplesDone()).isEqualTo(1000);
            assertSameWeights(stopped, mid, "the stopped run's checkpoint");

            // the lab lists the runs it can resume: the checkpoints, not the finished model
            JsonNode list = JSON.readTree(get("/api/lab/saved").body()).get("saved");
            assertThat(list.findValuesAsText("name")).containsExactly("mid.json", "stopped.json");
            assertThat(list.get(0).get("epochsDone").asInt()).isEqualTo(1);
            assertThat(list.get(0).get("samplesDone").asInt()).isEqualTo(1000);
            assertThat(list.get(0).get("epochs").asInt()).isEqualTo(2);
            assertThat(list.get(0).get("dataset").asText()).isEqualTo("mnist");

            // clear errors: a finished model, a name not there, a body without a name
            HttpResponse<String> finished = post("/api/lab/continue", "{\"name\": \"model.json\"}", true);
            assertThat(finished.statusCode()).isEqualTo(400);
            assertThat(error(finished)).contains("model.json is a finished model, not a checkpoint");
            HttpResponse<String> missing = post("/api/lab/continue", "{\"name\": \"nothing.json\"}", true);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(error(missing)).contains("no model 'nothing.json'", "mid.json");
            assertThat(post("/api/lab/continue", "{}", true).statusCode()).isEqualTo(400);

            // the CLI continues the lab's checkpoint
            Path forCli = dir.resolve("for-cli.checkpoint.json");
            Files.copy(models.resolve("mid.json"), forCli);
            Path cliDone = dir.resolve("cli-done.json");
            Cli.Result resumed = Cli.run("train", "--resume", forCli.toString(), "--out", cliDone.toString(), "--threads", "1",
                    "--quiet");
            assertThat(resumed.exit()).as(resumed.toString()).isZero();

            // the lab continues it live, to the end
            HttpResponse<String> cont = post("/api/lab/continue", "{\"name\": \"mid.json\", \"threads\": 1}", true);
            assertThat(cont.statusCode()).as(cont.body()).isEqualTo(200);
            assertThat(JSON.readTree(cont.body()).get("run").asText()).contains("resumed after 1 epoch and 1,000 images");
            // the page's form shows the continued run's settings, as recorded in the checkpoint
            JsonNode plan = JSON.readTree(cont.body()).get("plan");
            assertThat(plan.get("hidden").toString()).isEqualTo("[30]");
            assertThat(plan.get("epochs").asInt()).isEqualTo(2);
            assertThat(plan.get("seed").asLong()).isEqualTo(7);
            assertThat(plan.get("lr").asDouble()).isEqualTo(0.05);
            assertThat(plan.get("bias").asBoolean()).isTrue();
            assertThat(plan.get("optimizer").asText()).startsWith("momentum");
            assertThat(plan.get("threads").asInt()).isEqualTo(1);
            JsonNode end = await(f -> f.get("state").asText().equals("finished"), 120);
            assertThat(end.get("trained").asLong()).as("only what was left").isEqualTo(5000);
            assertThat(end.get("message").isNull()).as("no failure: %s", end.get("message")).isTrue();
            // the continued run is in the session's run list, as every ended run is
            JsonNode runs = JSON.readTree(get("/api/lab/runs").body()).get("runs");
            JsonNode last = runs.get(runs.size() - 1);
            assertThat(last.get("id").asInt()).isEqualTo(end.get("id").asInt());
            assertThat(last.get("run").asText()).contains("resumed after 1 epoch and 1,000 images");
            assertThat(last.get("state").asText()).isEqualTo("finished");
            HttpResponse<String> done = post("/api/lab/save", "{\"name\": \"lab-done\"}", true);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(JSON.readTree(done.body()).get("checkpoint").asBoolean()).isFalse();
            NeuralNetwork labDone = MODELS.load(models.resolve("lab-done.json"));
            assertThat(labDone.provenance().checkpoint()).isNull();

            // the run never interrupted, by the CLI
            Path whole = dir.resolve("whole.json");
            Cli.Result w = Cli.run("train", "--dataset", "mnist", "--samples", "6000", "--epochs", "2", "--hidden", "30",
                    "--seed", "7", "--threads", "1", "--optimizer", "momentum", "--bias", "--lr", "0.05", "--quiet",
                    "--out", whole.toString());
            assertThat(w.exit()).as(w.toString()).isZero();
            NeuralNetwork uninterrupted = MODELS.load(whole);
            assertSameWeights(MODELS.load(cliDone), uninterrupted, "train --resume of the lab's checkpoint");
            assertSameWeights(labDone, uninterrupted, "the lab's Continue");
            assertThat(labDone.provenance().epochs()).isEqualTo(2);
        } finally {
            server.close();
        }
    }

    static void assertSameWeights(NeuralNetwork a, NeuralNetwork b, String what) {
        assertThat(a.depth()).isEqualTo(b.depth());
        for (int k = 0; k < a.depth(); k++) {
            assertThat(a.weights(k).data).as("%s: weights %d", what, k).containsExactly(b.weights(k).data);
            assertThat(a.biases(k)).as("%s: biases %d", what, k).containsExactly(b.biases(k));
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            b.header("X-Mynn-Token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }

    JsonNode await(Predicate<JsonNode> until, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode f;
        do {
            f = JSON.readTree(get("/api/lab/state").body());
            if (until.test(f)) {
                return f;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("the lab did not get there in " + seconds + " s; it is at " + f);
    }
}
