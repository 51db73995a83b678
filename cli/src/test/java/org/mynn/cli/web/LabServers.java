package org.mynn.cli.web;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import org.mynn.core.inject.CoreModule;
import org.mynn.data.DataModule;
import org.mynn.data.Dataset;
import org.mynn.render.RenderModule;

/** Servers as the web's tests start them: wired by Guice as {@code mynn serve} wires its own, the built-in plugins. */
public final class LabServers {

    private LabServers() {
    }

    /**
     * @param overrides bindings that replace the modules' own (e.g. an in-memory {@code DatasetSource})
     * @return a started server with these settings
     */
    public static WebServer serve(WebServer.Settings settings, Module... overrides) {
        Module[] modules = {new CoreModule(), new DataModule(), new RenderModule(), new WebModule(settings)};
        return Guice.createInjector(Modules.override(modules).with(overrides)).getInstance(WebServer.class).start();
    }

    /**
     * @return the lab's token, fetched as the page fetches it ({@code GET /api/lab/token}): requests that change the lab
     *         must carry it in {@code X-Mynn-Token}
     */
    public static String token(int port) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/lab/token")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server with the training lab, on the real datasets.
     *
     * @param digits      test digits for the drawing page; may be null
     * @param serverTrain the data the server is started with ({@code mynn serve --train}); may be null
     * @param serverTest  its test data; may be null
     */
    public static WebServer start(Path model, Dataset digits, Dataset serverTrain, Dataset serverTest) {
        return serve(WebServer.Settings.of("127.0.0.1", 0, model).withDigits(digits).withLab(serverTrain, serverTest));
    }
}
