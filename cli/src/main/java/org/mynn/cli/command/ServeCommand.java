package org.mynn.cli.command;

import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.TestFiles;
import org.mynn.cli.option.TrainFiles;
import org.mynn.cli.web.WebModule;
import org.mynn.cli.web.WebServer;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        header = "A web page to draw a digit and watch the network think, and a lab to train one and watch it learn.",
        description = "Serve a page (on this computer only, unless --host says otherwise) where you draw a digit with the"
                + " mouse or a finger and see what the network sees, its score for every class, and its backquery"
                + " pictures; and the training lab, where you train a network from the page and watch it learn live (loss,"
                + " accuracy, backquery pictures, weights), then find what it gets wrong (the confusion matrix, each"
                + " digit's explanation) and keep it. With a small JSON API (see the README). Everything is served by"
                + " mynn: no internet needed.",
        footer = {"", "Examples:", "  mynn serve                           (the model the demo saved, mynn-demo/model.json)",
            "  mynn serve --model my.json --port 9000",
            "  mynn serve --train my_train.csv --test my_test.csv   (the lab may also train on this data)"})
public final class ServeCommand extends BaseCommand {

    @Option(names = "--model", paramLabel = "MODEL.json", defaultValue = "mynn-demo/model.json",
            description = "the model; the other models in its folder can be switched to on the page (default: ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "the port (default: ${DEFAULT-VALUE}; 0 for any free one)")
    int port;

    @Mixin
    TrainFiles trainFiles;
    @Mixin
    TestFiles testFiles;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}, this computer only)")
    String host;

    @Inject
    DatasetSource datasets;
    /** The one injector; the server is built in a child of it, for the settings given here ({@link WebModule}). */
    @Inject
    Injector injector;


    /** @throws MynnException unless --host is an address of this computer, before anything is loaded */
    private void checkHost() {
        String why = null;
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(host);
            if (!a.isAnyLocalAddress() && !a.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(a) == null) {
                why = "it is not an address of this computer";
            }
        } catch (java.net.UnknownHostException e) {
            why = "no such address";
        } catch (java.net.SocketException e) {
            why = "the network interfaces cannot be read: " + e.getMessage();
        }
        if (why != null) {
            throw new MynnException("cannot listen on " + host + ":" + port + ": " + why + " (--host takes an address of this"
                    + " computer: 127.0.0.1 for this computer only, 0.0.0.0 for all its addresses)");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw usage("--port must be from 0 to 65535 but is " + port);
        }
        checkHost();
        if (!Files.exists(model) && model.toString().equals("mynn-demo/model.json")) {
            throw new MynnException("mynn-demo/model.json: no such file; run 'mynn demo' first, or give --model");
        }
        Dataset serverTrain = null;
        Dataset serverTest = null;
        if (trainFiles.given()) {
            if (testFiles.test == null) {
                throw usage("--train needs --test here: the training lab measures the network on test images");
            }
            serverTrain = trainFiles.load(new DatasetOption(), datasets);
            serverTest = testFiles.load(new DatasetOption(), datasets, true, serverTrain.classes());
        } else if (testFiles.test != null) {
            throw usage("--test goes with --train: the training data of the lab");
        }
        Dataset digits;
        try {
            digits = datasets.load("mnist", Split.TEST);
        } catch (MynnException e) {
            digits = null;
            terminal.err().println("mynn: no random test digits on the page: " + e.getMessage());
        }
        WebServer.Settings settings = WebServer.Settings.of(host, port, model).withDigits(digits).withLab(serverTrain, serverTest);
        WebServer server = injector.createChildInjector(new WebModule(settings)).getInstance(WebServer.class).start();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out().println("mynn serve: " + model + " on http://" + shown + ":" + server.port() + "/  (Ctrl-C stops it)");
        out().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "mynn-serve-stop"));
        stop.await();
        return 0;
    }
}
