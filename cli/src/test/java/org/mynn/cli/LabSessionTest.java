package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.web.LabServers;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Confidence;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/**
 * The lab's session on real MNIST: the token every request that changes the lab must carry (403 without it); the run
 * list of ended runs; two runs compared with McNemar's test, as {@code mynn compare} compares the same two networks
 * once saved, and as scipy's exact binomial test computes it; a preset (the book's learning-rate experiment) run as a
 * sweep, each run listed with its learning rate; the page's files referring to nothing outside this server.
 */
@Tag(Tags.REAL_DATA)
// trains two small runs, a sweep of seven on 1,000 images each and one of six on 500 (and their rotated copies);
// about 60 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabSessionTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path models;
    static WebServer server;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        RealData.mnist(Split.TRAIN);
        models = Files.createDirectory(dir.resolve("models"));
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(),
                models.resolve("model.json"));
        server = LabServers.start(models.resolve("model.json"), null, null, null);
        token = LabServers.token(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stopAnyRun() throws Exception {
        post("/api/lab/stop", "{}", token);
        await(f -> !f.get("state").asText().matches("running|paused|pausing|stopping") && f.path("sweep").isNull(), 60);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken != null) {
            b.header("X-Mynn-Token", withToken);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
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
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        throw new AssertionError("the lab did not get there in " + seconds + " s; it is at " + f);
    }

    static JsonNode runs() throws Exception {
        return json(get("/api/lab/runs")).get("runs");
    }

    @Test
    void requestsThatChangeTheLab_withoutTheToken_get403() throws Exception {
        String small = "{\"samples\": 500, \"epochs\": 1, \"hidden\": [10], \"threads\": 1}";
        for (String[] r : new String[][] {{"/api/lab/start", small}, {"/api/lab/stop", "{}"}, {"/api/lab/pause", "{}"},
                {"/api/lab/lr", "{\"lr\": 0.2}"}, {"/api/lab/preset", "{\"name\": \"lr\"}"}, {"/api/lab/save", "{\"name\": \"x\"}"},
                {"/api/lab/confusion", "{}"}}) {
            for (String wrong : new String[] {null, "", token.substring(1) + "0", token.toUpperCase(java.util.Locale.ROOT)}) {
                HttpResponse<String> res = post(r[0], r[1], wrong);
                assertThat(res.statusCode()).as(r[0] + " with token " + wrong).isEqualTo(403);
                assertThat(JSON.readTree(res.body()).get("error").asText()).contains("X-Mynn-Token");
            }
        }
        assertThat(json(get("/api/lab/state")).get("state").asText()).isNotEqualTo("running");
        // the token is the server's: a second server has another
        try (WebServer other = LabServers.start(models.resolve("model.json"), null, null, null)) {
            assertThat(LabServers.token(other.port())).hasSize(48).isNotEqualTo(token);
        }
        // reading needs none, and the drawing page's API is not the lab's
        assertThat(get("/api/lab/runs").statusCode()).isEqualTo(200);
        assertThat(get("/api/lab/presets").statusCode()).isEqualTo(200);
        // with it, the same request goes through
        assertThat(post("/api/lab/start", small, token).statusCode()).isEqualTo(200);
    }

    @Test
    void endedRuns_areListed_andTwoCompare_asMynnCompareAndScipySayIt() throws Exception {
        int before = runs().size();
        String[] plans = {"{\"samples\": 3000, \"epochs\": 1, \"hidden\": [30], \"seed\": 3, \"lr\": 0.01, \"threads\": 1}",
            "{\"samples\": 3000, \"epochs\": 1, \"hidden\": [30], \"seed\": 3, \"lr\": 0.3, \"threads\": 1}"};
        List<Path> saved = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            json(post("/api/lab/start", plans[i], token));
            await(f -> f.get("state").asText().equals("finished"), 240);
            await(f -> true, 1);
            json(post("/api/lab/save", "{\"name\": \"run" + i + "\"}", token));
            saved.add(models.resolve("run" + i + ".json"));
        }
        JsonNode list = runs();
        assertThat(list).hasSize(before + 2);
        JsonNode a = list.get(before);
        JsonNode b = list.get(before + 1);
        assertThat(a.get("run").asText()).contains("lr 0.01");
        assertThat(b.get("settings").get("lr").asDouble()).isEqualTo(0.3);
        assertThat(a.get("images").asInt()).isEqualTo(10_000);
        assertThat(a.get("state").asText()).isEqualTo("finished");
        assertThat(a.get("seconds").asDouble()).isPositive();
        double acc = a.get("accuracy").asDouble();
        double[] ci = Confidence.wilson95(Math.round(acc * 10_000), 10_000);
        assertThat(a.get("interval95").get(0).asDouble()).isEqualTo(ci[0]);
        assertThat(a.get("interval95").get(1).asDouble()).isEqualTo(ci[1]);
        JsonNode full = json(get("/api/lab/runs/" + a.get("id").asInt()));
        assertThat(full.get("curves").get("points").size()).isGreaterThan(1);
        assertThat(get("/api/lab/runs/999").statusCode()).isEqualTo(404);
        HttpResponse<String> half = get("/api/lab/compare?a=" + a.get("id").asInt());
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(half.body()).get("error").asText()).isEqualTo("'b' must be a run's number (1, 2, ...) but is missing");

        JsonNode c = json(get("/api/lab/compare?a=" + a.get("id").asInt() + "&b=" + b.get("id").asInt())).get("comparison");
        // the same two networks, saved, compared by mynn compare on the same test set
        Cli.Result cli = Cli.run("compare", saved.get(0).toString(), saved.get(1).toString(), "--json");
        assertThat(cli.exit()).as(cli.toString()).isZero();
        JsonNode m = JSON.readTree(cli.out());
        for (String f : new String[] {"images", "rightA", "rightB", "onlyA", "onlyB", "mcnemarP", "differ", "verdict"}) {
            assertThat(c.get(f)).as(f).isEqualTo(m.get(f));
        }
        assertThat(c.get("rightA").asInt()).isEqualTo(Math.round(acc * 10_000));
        int onlyA = c.get("onlyA").asInt();
        int onlyB = c.get("onlyB").asInt();
        assertThat(onlyA + onlyB).as("two networks this different disagree on some images").isPositive();
        // scipy's exact binomial test of the discordant pairs: McNemar's exact test, computed outside mynn
        Process py = new ProcessBuilder("python3", "-c", "import sys; from scipy.stats import binomtest;"
                + " a, b = int(sys.argv[1]), int(sys.argv[2]); print(float(binomtest(a, a + b, 0.5).pvalue))",
                Integer.toString(onlyA), Integer.toString(onlyB)).redirectErrorStream(true).start();
        String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(py.waitFor()).as(out).isZero();
        double scipy = Double.parseDouble(out);
        double p = c.get("mcnemarP").asDouble();
        assertThat(Math.abs(p - scipy)).as("mynn %s, scipy %s", p, scipy).isLessThanOrEqualTo(1e-9 * scipy + 1e-12);
        String better = onlyB > onlyA ? "B" : "A";
        assertThat(c.get("verdict").asText()).isEqualTo(p < 0.05 ? "they differ beyond chance (p < 0.05); " + better
                + " is better" : "no evidence that they differ (p >= 0.05): the gap is within what chance gives on 10,000 images");
        // the answers of runs tested on other images cannot be compared; nonsense is a 400
        assertThat(get("/api/lab/compare?a=x&b=1").statusCode()).isEqualTo(400);
    }

    @Test
    void theLearningRatePreset_runsItsSweep_eachRunListedWithItsRate_andSaysHowLongFirst() throws Exception {
        JsonNode e = json(get("/api/lab/estimate?preset=lr&samples=1000"));
        assertThat(e.get("runs").asInt()).isEqualTo(7);
        assertThat(e.get("seconds").asLong()).isPositive();
        assertThat(get("/api/lab/estimate?preset=nope").statusCode()).isEqualTo(404);
        JsonNode started = json(post("/api/lab/preset", "{\"name\": \"lr\", \"samples\": 1000}", token));
        int sweep = started.get("sweep").asInt();
        // one run at a time: a Start by hand waits for the preset
        HttpResponse<String> refused = post("/api/lab/start", "{\"samples\": 500}", token);
        assertThat(refused.statusCode()).isEqualTo(409);
        await(f -> f.path("sweep").isNull() && !f.get("state").asText().matches("running|paused|pausing|stopping"), 500);
        List<Double> rates = new ArrayList<>();
        for (JsonNode r : runs()) {
            if (r.get("preset").isObject() && r.get("preset").get("sweep").asInt() == sweep) {
                rates.add(r.get("preset").get("value").asDouble());
                assertThat(r.get("settings").get("lr").asDouble()).isEqualTo(r.get("preset").get("value").asDouble());
                assertThat(r.get("settings").get("samples").asInt()).isEqualTo(1000);
                assertThat(r.get("run").asText()).startsWith("784-100-10 sigmoid");
            }
        }
        assertThat(rates).containsExactly(0.01, 0.05, 0.1, 0.2, 0.3, 0.6, 0.9);
    }

    @Test
    void theRotatedCopiesPreset_runsItsSweep_eachRunWithItsAngleAsARotateAugmentation() throws Exception {
        JsonNode e = json(get("/api/lab/estimate?preset=rotate&samples=500"));
        assertThat(e.get("runs").asInt()).isEqualTo(6);
        assertThat(e.get("kind").asText()).isEqualTo("sweep");
        assertThat(e.get("perRun")).hasSize(6);
        JsonNode started = json(post("/api/lab/preset", "{\"name\": \"rotate\", \"samples\": 500}", token));
        int sweep = started.get("sweep").asInt();
        await(f -> f.path("sweep").isNull() && !f.get("state").asText().matches("running|paused|pausing|stopping"), 500);
        List<Integer> angles = new ArrayList<>();
        for (JsonNode r : runs()) {
            if (r.get("preset").isObject() && r.get("preset").get("sweep").asInt() == sweep) {
                int angle = r.get("preset").get("value").asInt();
                angles.add(angle);
                JsonNode s = r.get("settings");
                // no copies at 0 degrees; else each image and two copies rotated by +-angle
                assertThat(s.get("augment").isNull() ? null : s.get("augment").asText())
                        .isEqualTo(angle == 0 ? null : "rotate:" + angle);
                assertThat(s.get("samples").asInt()).isEqualTo(angle == 0 ? 500 : 1500);
                assertThat(s.get("lr").asDouble()).isEqualTo(0.01);
                assertThat(s.get("epochs").asInt()).isEqualTo(10);
                assertThat(r.get("run").asText()).startsWith("784-200-10 sigmoid")
                        .contains(angle == 0 ? "10 epochs on" : "rotate:" + angle);
                assertThat(r.get("preset").get("label").asText()).isEqualTo(angle + "\u00b0");
            }
        }
        assertThat(angles).containsExactly(0, 5, 10, 15, 20, 30);
    }

    @Test
    void stop_endsAPreset_afterTheRunUnderWay() throws Exception {
        JsonNode started = json(post("/api/lab/preset", "{\"name\": \"hidden\", \"samples\": 1000}", token));
        int sweep = started.get("sweep").asInt();
        await(f -> f.path("sweep").isObject(), 60);
        json(post("/api/lab/stop", "{}", token));
        await(f -> f.path("sweep").isNull() && !f.get("state").asText().matches("running|paused|pausing|stopping"), 120);
        int ran = 0;
        for (JsonNode r : runs()) {
            ran += r.get("preset").isObject() && r.get("preset").get("sweep").asInt() == sweep ? 1 : 0;
        }
        assertThat(ran).as("the preset's six runs did not all run").isLessThan(6);
    }

    @Test
    void thePagesFiles_referToNothingOutsideThisServer() throws Exception {
        String lab = get("/lab").body();
        List<String> files = new ArrayList<>(List.of("/lab", "/"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(lab + get("/").body());
        while (m.find()) {
            files.add(m.group(1));
        }
        assertThat(files).contains("/vendor/uPlot.iife.min.js", "/vendor/uPlot.min.css", "/lab.js", "/lab-charts.js", "/");
        // the only absolute addresses in them: SVG's namespace name and uPlot's banner comment, neither ever fetched
        Pattern url = Pattern.compile("(?:https?:)?//[A-Za-z0-9.-]+\\.[A-Za-z]{2,}[^\\s\"')]*");
        for (String f : files) {
            HttpResponse<String> r = get(f);
            assertThat(r.statusCode()).as(f).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(f).hasValue(
                    "default-src 'self'; img-src 'self' data: blob:");
            Matcher u = url.matcher(r.body());
            while (u.find()) {
                assertThat(u.group()).as("an address in " + f).isIn("http://www.w3.org/2000/svg",
                        "https://github.com/leeoniya/uPlot");
            }
        }
        assertThat(get("/vendor/uPlot-LICENSE").body()).startsWith("The MIT License");
    }
}
