package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.inject.CoreModule;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.run.Catalog;
import org.mynn.data.DataModule;
import org.mynn.render.RenderModule;

/**
 * The web wired like the command line: the module builds a server and starts nothing (the caller does), and the lab
 * looks plugin names up in the one {@link Catalog} the injector has.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebModuleTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void theServerListensOnlyOnceStarted_andTheLabOffersTheInjectedCatalogsPlugins() throws Exception {
        Path model = dir.resolve("model.json");
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), model);
        Catalog builtIn = Catalog.builtIn();
        Catalog fewer = new Catalog(ActivationRegistry.of(List.of(builtIn.activations().get("sigmoid"),
                builtIn.activations().get("tanh"))), builtIn.losses(), builtIn.optimizers(), builtIn.augmentations());
        WebServer.Settings settings = WebServer.Settings.of("127.0.0.1", 0, model).withLab(null, null);
        long keepAlives = keepAlives();
        WebServer server = Guice.createInjector(Modules.override(new CoreModule(), new DataModule(), new RenderModule(),
                new WebModule(settings)).with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Catalog.class).toInstance(fewer);
                    }
                })).getInstance(WebServer.class);
        int port;
        try {
            assertThat(server.port()).as("not listening before start()").isLessThanOrEqualTo(0);
            assertThat(keepAlives()).as("no lab thread before start()").isEqualTo(keepAlives);
            server.start();
            assertThat(keepAlives()).as("the lab's keep-alive, once started").isEqualTo(keepAlives + 1);
            port = server.port();
            assertThat(port).isPositive();
            HttpResponse<String> options = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/lab/options")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode o = new ObjectMapper().readTree(options.body());
            assertThat(o.get("activations").toString()).isEqualTo("[\"sigmoid\",\"tanh\"]");
            HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/lab/start")).header("Content-Type", "application/json")
                    .header("X-Mynn-Token", LabServers.token(server.port()))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"activation\": \"relu\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(start.statusCode()).isEqualTo(400);
            assertThat(start.body()).contains("relu");
        } finally {
            server.close();
        }
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("the server still answers once closed");
        } catch (ConnectException e) {
            // closed
        }
    }

    @Test
    void aTakenPort_isOneLineThatSaysTryAnotherPort() throws Exception {
        Path model = dir.resolve("model.json");
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), model);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            WebServer.Settings settings = WebServer.Settings.of("127.0.0.1", taken.getLocalPort(), model);
            WebServer server = Guice.createInjector(new CoreModule(), new DataModule(), new RenderModule(),
                    new WebModule(settings)).getInstance(WebServer.class);
            try {
                assertThatThrownBy(server::start).isInstanceOf(MynnException.class)
                        .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                        .hasMessageEndingWith(" (try another --port)")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            } finally {
                server.close();
            }
        }
    }

    static long keepAlives() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("mynn-lab-keepalive")).count();
    }
}
