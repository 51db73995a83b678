package org.mynn.bench;

import java.io.OutputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/**
 * The web server under load while slow clients hang on: {@code clients} concurrent clients send {@code requests}
 * requests in all (model info, queries of 784 pixels, backquery pictures) while {@code slow} clients trickle their
 * headers or bodies at a byte a second. Prints how many were answered correctly, latency percentiles, and memory
 * before and after. Usage: {@code WebLoad [clients] [requests] [slow]} (default 200 1000 8).
 */
public final class WebLoad {

    private WebLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int slowClients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("mynn-webload");
        ModelJson json = new ModelJson(ActivationRegistry.load());
        json.save(NeuralNetwork.builder(784, 200, 10).seed(1).build(), dir.resolve("model.json"));
        long heapBefore = heap();
        long rssBefore = rss();
        try (WebServer server = com.google.inject.Guice.createInjector(new org.mynn.core.inject.CoreModule(),
                new org.mynn.data.DataModule(), new org.mynn.render.RenderModule(),
                new org.mynn.cli.web.WebModule(WebServer.Settings.of("127.0.0.1", 0, dir.resolve("model.json"))))
                .getInstance(WebServer.class).start()) {
            int port = server.port();
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < slowClients; i++) {
                Socket s = new Socket("127.0.0.1", port);
                slow.add(s);
                String head = i % 2 == 0 ? "GET /api/model HTTP/1.1\r\nHost: " : "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
                s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                Thread t = new Thread(() -> trickle(s), "slow-" + i);
                t.setDaemon(true);
                t.start();
            }
            Thread.sleep(1000);
            ExecutorService httpThreads = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            });
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(httpThreads).build();
            String pixels = pixelsJson(new Random(1));
            for (int i = 0; i < 300; i++) { // warm up the JIT of both sides, so that the figures are the server's
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(i)));
                if (i % 3 == 1) {
                    b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(pixels));
                }
                http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger right = new AtomicInteger();
            long[] latency = new long[requests];
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(i)))
                                .timeout(Duration.ofSeconds(30));
                        if (i % 3 == 1) {
                            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(pixels));
                        }
                        long s = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() == 200 && r.body().length > 0) {
                                right.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // counted as not answered correctly
                        }
                        latency[i] = System.nanoTime() - s;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            long[] sorted = latency.clone();
            Arrays.sort(sorted);
            System.gc();
            Thread.sleep(500);
            System.out.printf(Locale.ROOT, "web load: %d clients, %d requests (model info, 784-pixel queries, backquery PNGs)"
                    + " while %d slow clients trickle a byte a second; %d cores, %s%n", clients, requests, slowClients,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            System.out.printf(Locale.ROOT, "answered correctly: %d of %d in %.2f s (%.0f requests/s)%n", right.get(), requests,
                    seconds, requests / seconds);
            System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", ms(sorted, 0.50), ms(sorted, 0.90),
                    ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "memory: heap %d MB before, %d MB after; resident %d MB before, %d MB after%n",
                    heapBefore >> 20, heap() >> 20, rssBefore >> 20, rss() >> 20);
            System.out.printf(Locale.ROOT, "slow clients: %d, trickling all through the run (the server cuts them off after"
                    + " %d s)%n", slow.size(), WebServer.Limits.DEFAULT.firstRequest().toSeconds());
            for (Socket s : slow) {
                s.close();
            }
            System.exit(right.get() == requests ? 0 : 1);
        }
    }

    private static String path(int i) {
        return switch (i % 3) {
            case 0 -> "/api/model";
            case 1 -> "/api/query";
            default -> "/api/backquery/" + (i % 10);
        };
    }

    private static void trickle(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            for (int b = 0; b < 600; b++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            // cut off by the server
        }
    }

    private static String pixelsJson(Random r) {
        StringBuilder s = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < 784; i++) {
            s.append(i == 0 ? "" : ",").append(r.nextInt(256));
        }
        return s.append("]}").toString();
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }

    private static long heap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
