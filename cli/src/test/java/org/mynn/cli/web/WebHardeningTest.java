package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/**
 * The server under clients that are slow or hostile, against a real server on 127.0.0.1 with short limits: slow
 * clients do not stall the others and are cut off, a huge declared body gets 413 at once, pages of other sites and
 * other host names are refused, a picture bomb is refused from its header, and the models folder cannot be left.
 */
// talks to a server over raw sockets and slow clients' threads; about 3 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebHardeningTest {

    static final Duration SHORT = Duration.ofSeconds(2);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path outside;
    static WebServer server;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        Path models = Files.createDirectory(dir.resolve("models"));
        json.save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), models.resolve("model.json"));
        outside = Files.createDirectory(dir.resolve("elsewhere"));
        json.save(NeuralNetwork.builder(784, 20, 10).seed(2).build(), outside.resolve("secret.json"));
        Files.createSymbolicLink(models.resolve("link.json"), outside.resolve("secret.json"));
        Files.writeString(models.resolve("broken.json"), "{\"format\": \"mynn-model\", \"version\": 1, \"layers\": [784, 10]}");
        server = LabServers.serve(WebServer.Settings.of("127.0.0.1", 0, models.resolve("model.json"))
                .withLimits(new WebServer.Limits(SHORT, SHORT, SHORT, 64, 2_000_000L, Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /**
     * A client of its own for each request: the server closes idle connections after {@link #SHORT}, and the JDK's client
     * may otherwise send the next request on a pooled connection the server has just closed ("received no bytes").
     */
    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return client().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String type, String origin, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String error(HttpResponse<String> r) throws IOException {
        JsonNode n = JSON.readTree(r.body());
        return n.get("error").asText();
    }

    /** @return the raw answer to {@code request}, as much as arrives within {@code wait} */
    static String raw(String request, Duration wait) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout((int) wait.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void slowClients_doNotStallTheOthers_andAreCutOff() throws Exception {
        List<Socket> slow = new ArrayList<>();
        List<Thread> tricklers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket("127.0.0.1", server.port());
            slow.add(s);
            boolean body = i % 2 == 1;
            String head = body ? "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" : "GET /api/model HTTP/1.1\r\nHost: ";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread t = new Thread(() -> {
                try {
                    for (int b = 0; b < 100; b++) {
                        out.write(body ? '{' : 'x');
                        out.flush();
                        Thread.sleep(200); // the slow client's pace: a byte every 200 ms
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off by the server: what is expected
                }
            });
            t.setDaemon(true);
            t.start();
            tricklers.add(t);
        }
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get("/api/model");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1e9).as("a normal request while 8 clients trickle").isLessThan(2.0);
        }
        for (int i = 0; i < slow.size(); i++) {
            Socket s = slow.get(i);
            s.setSoTimeout(10_000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (i % 2 == 1) {
                assertThat(answer).as("a body that trickles").startsWith("HTTP/1.1 408").contains("did not arrive within 2 s");
            } else {
                assertThat(answer).as("headers that trickle are cut off").isEmpty();
            }
            s.close();
        }
        for (Thread t : tricklers) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
    }

    @Test
    void aHugeDeclaredBody_gets413AtOnce_withoutBeingSent() throws Exception {
        long t0 = System.nanoTime();
        String answer = raw("POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 999999999999\r\n\r\n", Duration.ofSeconds(5));
        assertThat(answer).startsWith("HTTP/1.1 413").contains("the request body is larger than 2 MB");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    }

    @Test
    void pagesOfOtherSites_andOtherHostNames_areRefused() throws Exception {
        HttpResponse<String> evil = post("/api/model", "text/plain", "http://evil.example", "{\"name\": \"model.json\"}".getBytes());
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(error(evil)).isEqualTo("a page of another site (http://evil.example) may not change this server; use the"
                + " page it serves");
        HttpResponse<String> plain = post("/api/model", "text/plain", null, "{\"name\": \"model.json\"}".getBytes());
        assertThat(plain.statusCode()).isEqualTo(415);
        String own = "http://127.0.0.1:" + server.port();
        assertThat(post("/api/model", "application/json", own, "{\"name\": \"model.json\"}".getBytes()).statusCode()).isEqualTo(200);
        String rebound = raw("GET /api/model HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5));
        assertThat(rebound).startsWith("HTTP/1.1 421").contains("this server answers only to 127.0.0.1:" + server.port());
        String local = raw("GET /api/model HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5));
        assertThat(local).startsWith("HTTP/1.1 200");
    }

    @Test
    void aPictureBomb_isRefusedFromItsHeader_withoutTakingMemory() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(png);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        d.writeInt(13);
        d.writeBytes("IHDR");
        d.writeInt(30_000);
        d.writeInt(30_000);
        d.write(new byte[] {8, 2, 0, 0, 0});
        d.writeInt(0);
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        HttpResponse<String> r = post("/api/query", "image/png", null, png.toByteArray());
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("the picture is 30000x30000 pixels; mynn reads pictures up to 10000 pixels a side (scale it"
                + " down first)");
        assertThat(after - before).as("heap taken by the bomb").isLessThan(100L << 20);
    }

    @Test
    void modelsOutsideTheFolder_cannotBeReached_andErrorsNameNoServerPath() throws Exception {
        String own = "http://127.0.0.1:" + server.port();
        assertThat(JSON.readTree(get("/api/models").body()).get("models").toString()).isEqualTo("[\"broken.json\",\"model.json\"]");
        HttpResponse<String> broken = post("/api/model", "application/json", own, "{\"name\": \"broken.json\"}".getBytes());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(error(broken)).isEqualTo("broken.json: missing field 'activations'");
        HttpResponse<String> link = post("/api/model", "application/json", own, "{\"name\": \"link.json\"}".getBytes());
        assertThat(link.statusCode()).isEqualTo(404);
        HttpResponse<String> up = post("/api/model", "application/json", own, "{\"name\": \"../elsewhere/secret.json\"}".getBytes());
        assertThat(up.statusCode()).isEqualTo(404);
        assertThat(error(up)).doesNotContain(dir.toString());
    }

    @Test
    void decodes_waitForTheirTurn_thenAre503() {
        DecodeBudget budget = new DecodeBudget(1_000_000, Duration.ofMillis(200));
        budget.acquire(900_000);
        long t0 = System.nanoTime();
        try {
            budget.acquire(500_000);
            throw new AssertionError("a second decode should not fit");
        } catch (Http.HttpError e) {
            assertThat(e.status).isEqualTo(503);
            assertThat(e.getMessage()).isEqualTo("the server is busy decoding other pictures; try again in a moment");
        }
        assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(150);
        budget.release(900_000);
        budget.acquire(500_000);
    }
}
