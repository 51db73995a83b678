package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.web.LabServers;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.DatasetSource;

/**
 * One path per picture: the lab's backquery picture of the network it trained is, pixel for pixel, the picture
 * {@code mynn backquery} draws of the same network once saved. The lab trains on a small in-memory set.
 */
// trains a few hundred samples and waits on the lab's state; a few seconds on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabPicturesTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void labBackqueryPng_isTheBackqueryCommandsPng_forTheSameModelAndDigit() throws Exception {
        Path models = Files.createDirectory(dir.resolve("models"));
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), models.resolve("model.json"));
        AbstractModule memory = new AbstractModule() {
            @Override
            protected void configure() {
                bind(DatasetSource.class).toInstance(new GuiceWiringTest.InMemory());
            }
        };
        try (WebServer server = LabServers.serve(WebServer.Settings.of("127.0.0.1", 0, models.resolve("model.json"))
                .withLab(null, null), memory)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> started = post(base + "/api/lab/start", "{\"hidden\": [20], \"epochs\": 2, \"lr\": 0.3,"
                    + " \"seed\": 5, \"threads\": 1}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonNode end = null;
            for (long until = System.nanoTime() + 60_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
                end = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/lab/state")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (end.get("state").asText().equals("finished")) {
                    break;
                }
            }
            assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("finished");
            assertThat(post(base + "/api/lab/save", "{\"name\": \"lab\"}").statusCode()).isEqualTo(200);

            for (int digit : new int[] {3, 7}) {
                BufferedImage lab = png(base + "/api/lab/backquery/" + digit);
                Path out = dir.resolve("bq" + digit);
                Cli.Result r = Cli.run("backquery", "--model", models.resolve("lab.json").toString(), "--label",
                        Integer.toString(digit), "--out", out.toString());
                assertThat(r.exit()).as(r.toString()).isZero();
                BufferedImage command = ImageIO.read(out.resolve(digit + ".png").toFile());
                assertSamePixels(lab, command, "digit " + digit);
                // at another scale too: the same picture, as --scale draws it
                Cli.Result small = Cli.run("backquery", "--model", models.resolve("lab.json").toString(), "--label",
                        Integer.toString(digit), "--out", out.resolve("small").toString(), "--scale", "2");
                assertThat(small.exit()).as(small.toString()).isZero();
                assertSamePixels(png(base + "/api/lab/backquery/" + digit + "?scale=2"),
                        ImageIO.read(out.resolve("small").resolve(digit + ".png").toFile()), "digit " + digit + " at scale 2");
            }
            assertThat(get(base + "/api/lab/backquery/10").statusCode()).isEqualTo(400);
            assertThat(get(base + "/api/lab/backquery/3?scale=0").statusCode()).isEqualTo(400);
        }
    }

    static void assertSamePixels(BufferedImage a, BufferedImage b, String what) {
        assertThat(a.getWidth()).as(what + ": width").isEqualTo(b.getWidth());
        assertThat(a.getHeight()).as(what + ": height").isEqualTo(b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int pa = a.getRGB(x, y) & 0xffffff;
                int pb = b.getRGB(x, y) & 0xffffff;
                if (pa != pb) {
                    throw new AssertionError(String.format("%s: pixel (%d,%d) is %06x in the lab's picture but %06x in"
                            + " mynn backquery's", what, x, y, pa, pb));
                }
            }
        }
    }

    static BufferedImage png(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        URI u = URI.create(url);
        return HTTP.send(HttpRequest.newBuilder(u).header("Content-Type", "application/json")
                .header("X-Mynn-Token", LabServers.token(u.getPort())).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
