package org.mynn.cli;

import org.mynn.core.model.TrainingSettings;
import org.mynn.cli.web.WebServer;
import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.data.Dataset;
import org.mynn.data.RealData;
import org.mynn.data.Split;

/** Every endpoint of the page's API, and every kind of malformed request, with the JDK's HTTP client. */
@Tag(Tags.REAL_DATA)
@Tag(Tags.SUBPROCESS)
// talks to a server over sockets and waits on a child JVM; about 6 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebApiTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Trains a small model on part of MNIST into {@code dir}, with a second model beside it. */
    static Path models(Path dir) {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        NeuralNetwork fresh = NeuralNetwork.builder(784, 100, 10).seed(3).build();
        NeuralNetwork net = new Trainer(TrainingSettings.of(fresh), TrainingListener.NONE).fit(fresh,
                RealData.mnist(Split.TRAIN).part(0, 20_000), RealData.mnist(Split.TEST), 1);
        Path model = dir.resolve("model.json");
        json.save(net, model);
        json.save(NeuralNetwork.builder(784, 20, 10).seed(4).build(), dir.resolve("untrained.json"));
        return model;
    }

    static WebServer start(Path model) throws Exception {
        return org.mynn.cli.web.LabServers.serve(WebServer.Settings.of("127.0.0.1", 0, model).withDigits(RealData.mnist(Split.TEST)));
    }

    @BeforeAll
    static void serve() throws Exception {
        server = start(models(dir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String pixelsJson(byte[] pixels) {
        StringBuilder s = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < pixels.length; i++) {
            s.append(i == 0 ? "" : ",").append(pixels[i] & 0xff);
        }
        return s.append("]}").toString();
    }

    @Test
    void page_andItsAssets_areServed_andNothingElse() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(page.body())).contains("<canvas id=\"pad\"").contains("/app.js").doesNotContain("http://", "https://");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        for (String sneaky : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/web/app.js", "/model.json",
            "/org/mynn/cli/Main.class", "/api/../model.json"}) {
            assertThat(get(sneaky).statusCode()).as(sneaky).isIn(400, 404); // Jetty refuses paths above the root as bad requests
        }
    }

    @Test
    void queryWithPixels_answersLabelScoresAndWhatItSaw() throws Exception {
        Dataset test = RealData.mnist(Split.TEST);
        HttpResponse<byte[]> r = post("/api/query", "application/json", pixelsJson(test.image(0)).getBytes());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("label").asInt()).isEqualTo(7);
        assertThat(a.get("class").asText()).isEqualTo("7");
        assertThat(a.get("scores").size()).isEqualTo(10);
        assertThat(a.get("seen").size()).isEqualTo(784);
        assertThat(a.get("seen").get(7 * 28 + 10).asInt()).isEqualTo(test.pixel(0, 7 * 28 + 10));
    }

    @Test
    void queryWithPng_isPreparedAsQueryPreparesPictures() throws Exception {
        byte[] px = RealData.mnist(Split.TEST).image(1);
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                int g = 255 - (px[(y * 28 / 300) * 28 + x * 28 / 300] & 0xff);
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        JsonNode a = json(post("/api/query", "image/png", png.toByteArray()));
        assertThat(a.get("label").asInt()).isEqualTo(2);
        int ink = 0;
        for (JsonNode v : a.get("seen")) {
            ink += v.asInt() > 0 ? 1 : 0;
        }
        assertThat(ink).isBetween(50, 400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "not JSON|application/json|{pixels: |400|the body is not valid JSON: ",
        "no pixels|application/json|{\"other\": 1}|400|expected {\"pixels\": [784 numbers 0..255]} or a PNG body",
        "too few pixels|application/json|{\"pixels\": [1, 2, 3]}|400|'pixels' must have 784 values (28x28) but has 3",
        "JSON array|application/json|[1, 2]|400|expected a JSON object",
        "broken PNG|image/png|not a png at all|400|the body cannot be decoded as a picture (PNG, JPEG, GIF or BMP)",
    })
    void malformedQueries_get400WithAJsonError(String what, String type, String body, int status, String error) throws Exception {
        HttpResponse<byte[]> r = post("/api/query", type, body.getBytes());
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(r).get("error").asText()).startsWith(error);
    }

    @Test
    void pixelOutOfRange_andHugeBodies_areRefused() throws Exception {
        byte[] px = new byte[784];
        String bad = pixelsJson(px).replaceFirst("\\[0,", "[300,");
        assertThat(json(post("/api/query", "application/json", bad.getBytes())).get("error").asText())
                .isEqualTo("'pixels[0]' must be a number from 0 to 255 but is 300");
        for (int i = 0; i < 10; i++) {
            // the body is read and dropped before the answer, so the answer is never lost in a reset connection
            HttpResponse<byte[]> huge = post("/api/query", "application/json", new byte[WebServer.MAX_BODY + 10]);
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(json(huge).get("error").asText()).isEqualTo("the request body is larger than 2 MB");
        }
        // a client that waits for 100-continue gets the 413 without sending the body (a raw socket: Java 17's
        // HttpClient waits forever for a 100 that does not come, JDK-8286171)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 67108864\r\nExpect: 100-continue\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    @Test
    void backquery_isAPngPerClass_andUnknownLabelsAre404() throws Exception {
        HttpResponse<byte[]> r = get("/api/backquery/3");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(28 * 6);
        assertThat(get("/api/backquery/10").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/backquery/x")).get("error").asText()).isEqualTo("the label must be a whole number but is 'x'");
    }

    @Test
    void model_models_switching_andRandomDigits() throws Exception {
        JsonNode m = json(get("/api/model"));
        assertThat(m.get("name").asText()).isEqualTo("model.json");
        assertThat(m.get("layers").toString()).isEqualTo("[784,100,10]");
        assertThat(m.get("accuracy").asDouble()).isGreaterThan(0.9);
        double[] ci = org.mynn.core.train.Confidence.wilson95(Math.round(m.get("accuracy").asDouble() * 10_000), 10_000);
        assertThat(m.get("interval95").get(0).asDouble()).as("trained on mnist, tested on its 10,000").isEqualTo(ci[0]);
        assertThat(m.get("interval95").get(1).asDouble()).isEqualTo(ci[1]);
        JsonNode list = json(get("/api/models"));
        assertThat(list.get("models").toString()).isEqualTo("[\"model.json\",\"untrained.json\"]");
        JsonNode switched = json(post("/api/model", "application/json", "{\"name\": \"untrained.json\"}".getBytes()));
        assertThat(switched.get("layers").toString()).isEqualTo("[784,20,10]");
        assertThat(json(get("/api/model")).get("name").asText()).isEqualTo("untrained.json");
        HttpResponse<byte[]> escape = post("/api/model", "application/json", "{\"name\": \"../../etc/passwd\"}".getBytes());
        assertThat(escape.statusCode()).isEqualTo(404);
        json(post("/api/model", "application/json", "{\"name\": \"model.json\"}".getBytes()));
        JsonNode d = json(get("/api/random"));
        assertThat(d.get("pixels").size()).isEqualTo(784);
        assertThat(d.get("label").asInt()).isEqualTo(RealData.mnist(Split.TEST).label(d.get("index").asInt()));
    }

    @Test
    void serveCommand_printsItsUrl_servesThePage_andStopsOnASignal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--model", dir.resolve("model.json").toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).startsWith("mynn serve: " + dir.resolve("model.json") + " on http://127.0.0.1:").endsWith("/  (Ctrl-C stops it)");
            String url = line.substring(line.indexOf("http://"), line.indexOf("/  (") + 1);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<canvas id=\"pad\"");
        } finally {
            child.destroy();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void wrongMethodsAndUnknownApis_areRefusedInJson() throws Exception {
        assertThat(get("/api/query").statusCode()).isEqualTo(405);
        assertThat(json(get("/api/query")).get("error").asText()).isEqualTo("use POST here, not GET");
        assertThat(post("/api/random", "application/json", "{}".getBytes()).statusCode()).isEqualTo(405);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(post("/", "text/plain", "x".getBytes()).statusCode()).isEqualTo(405);
    }
}
