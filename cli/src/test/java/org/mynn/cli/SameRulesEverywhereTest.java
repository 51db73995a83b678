package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.cli.option.Options;
import org.mynn.cli.web.LabServers;
import org.mynn.cli.web.WebServer;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/**
 * The command line and the training lab refuse the same values with the same words, because both hand them to the
 * run specification: the CLI names the option ({@code --lr: ...}), the lab the JSON field ({@code 'lr': ...}), and the
 * rest of the sentence is the same.
 */
// talks to a lab server over HTTP; about 6 s on a quiet machine for all of its cases
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SameRulesEverywhereTest {

    @TempDir
    static Path dir;
    static WebServer lab;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path model = dir.resolve("model.json");
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), model);
        lab = LabServers.start(model, null, null, null);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--lr -1|{\"lr\": -1}",
        "--lr 5000|{\"lr\": 5000}",
        "--epochs 0|{\"epochs\": 0}",
        "--threads 300|{\"threads\": 300}",
        "--batch 0|{\"batch\": 0}",
        "--hidden 0|{\"hidden\": [0]}",
        "--hidden 5000000|{\"hidden\": [5000000]}",
        "--activation cube|{\"activation\": \"cube\"}",
        "--activation tanh,tanh,tanh|{\"activation\": \"tanh,tanh,tanh\"}",
        "--output cube|{\"output\": \"cube\"}",
        "--loss hinge|{\"loss\": \"hinge\"}",
        "--loss cross-entropy --activation tanh|{\"loss\": \"cross-entropy\", \"activation\": \"tanh\"}",
        "--rule exact|{\"rule\": \"exact\"}",
        "--order sorted|{\"order\": \"sorted\"}",
        "--precision half|{\"precision\": \"half\"}",
        "--init zeros|{\"init\": \"zeros\"}",
        "--optimizer rmsprop|{\"optimizer\": \"rmsprop\"}",
        "--optimizer momentum:1.5|{\"optimizer\": \"momentum:1.5\"}",
        "--lr-schedule exp:1e10|{\"schedule\": \"exp:1e10\"}",
        "--augment rotate:10,rotate:10|{\"augment\": \"rotate:10,rotate:10\"}",
        "--augment affine:10:5|{\"augment\": \"affine:10:5\"}",
        "--keep best|{\"keep\": \"best\"}",
        "--validation -1|{\"validation\": -1}",
        "--samples -3|{\"samples\": -3}",
    })
    void aBadSetting_isRefusedWithTheSameWords_byTheCommandLineAndTheLab(String options, String json) throws Exception {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(options.split(" ")));
        args.addAll(List.of("--out", dir.resolve("m.json").toString()));
        Cli.Result cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(2);
        String said = cli.err().strip();
        assertThat(said).startsWith("mynn: --").endsWith(" (see 'mynn train --help')");
        said = said.substring("mynn: ".length(), said.length() - " (see 'mynn train --help')".length());
        String option = said.substring(0, said.indexOf(": "));
        String problem = said.substring(said.indexOf(": ") + 2);

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lab.port()
                + "/api/lab/start")).header("Content-Type", "application/json")
                .header("X-Mynn-Token", org.mynn.cli.web.LabServers.token(lab.port())).POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        String error = new ObjectMapper().readTree(r.body()).get("error").asText();
        assertThat(error).startsWith("'");
        String field = error.substring(1, error.indexOf("': "));
        assertThat(error.substring(error.indexOf("': ") + 3)).as("the lab's words for %s", json).isEqualTo(problem);
        assertThat(Options.option(field)).as("the option of field '%s'", field).isEqualTo(option);
        assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
    }
}
