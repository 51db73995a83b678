package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors exit 2, failures exit 1; each with one line on stderr and no stack trace. */
class UsageErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''|2|mynn: a command is needed, e.g. 'mynn demo' (see 'mynn --help')",
        "frobnicate|2|mynn: Unmatched argument at index 0: 'frobnicate' (see 'mynn --help')",
        "train --lr -1 --out m.json|2|mynn: --lr: must be above 0 and at most 1000 but is -1.0 (see 'mynn train --help')",
        "train --lr abc --out m.json|2|mynn: Invalid value for option '--lr': 'abc' is not a double (see 'mynn train --help')",
        "train --lr NaN --out m.json|2|mynn: --lr: must be above 0 and at most 1000 but is NaN (see 'mynn train --help')",
        "train --epochs 0 --out m.json|2|mynn: --epochs: must be from 1 to 10,000 but is 0 (see 'mynn train --help')",
        "train --layers 784 --out m.json|2|mynn: --layers: needs at least 2 sizes (inputs and classes) but has 1 (see 'mynn train --help')",
        "train --layers 784,-5,10 --out m.json|2|mynn: --layers: sizes must be from 1 to 1,000,000 but '784,-5,10' has -5 (see 'mynn train --help')",
        "train --layers 100,10 --out m.json|2|mynn: --layers: starts with 100 but mnist/train has 784 values per sample (see 'mynn train --help')",
        "train --hidden 0 --out m.json|2|mynn: --hidden: sizes must be from 1 to 1,000,000 but '0' has 0 (see 'mynn train --help')",
        "train --layers 784,10 --hidden 5 --out m.json|2|mynn: --hidden: give the hidden layers or all the layers, not both (see 'mynn train --help')",
        "train --activation cube --out m.json|2|mynn: --activation: unknown activation 'cube'; available: leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more) (see 'mynn train --help')",
        "train --activation tanh,tanh,tanh --out m.json|2|mynn: --activation: gives 3 names but the network has 2 weight matrices (give 1 or 2) (see 'mynn train --help')",
        "train --threads 0 --out m.json|2|mynn: --threads: must be from 1 to 256 but is 0 (see 'mynn train --help')",
        "train --precision half --out m.json|2|mynn: --precision: unknown precision 'half'; expected double or float (see 'mynn train --help')",
        "train --batch 0 --out m.json|2|mynn: --batch: must be at least 1 but is 0 (see 'mynn train --help')",
        "train --epochs 1|2|mynn: Missing required option: '--out=MODEL.json' (see 'mynn train --help')",
        "train --out /no/such/folder/m.json|1|mynn: cannot write /no/such/folder/m.json: folder /no/such/folder does not exist",
        "train --dataset cifar --out m.json|1|mynn: unknown dataset 'cifar'; known: fashion-mnist, mnist (or give the files themselves)",
        "test --model /no/such.json|1|mynn: /no/such.json: no such file",
        "fetch|2|mynn: Missing required parameter: 'NAME' (see 'mynn fetch --help')",
        "--plugins /no/plugins activations|1|mynn: plugins folder /no/plugins does not exist",
        "serve --port 70000|2|mynn: --port must be from 0 to 65535 but is 70000 (see 'mynn serve --help')",
        "serve --model /no/such.json --port 0|1|mynn: /no/such.json: no such file",
    })
    void badCommandLine_oneLineAndTheRightExitCode(String args, int exit, String message) {
        Cli.Result r = Cli.run(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).isEqualTo(message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badModelFile_namesTheFieldAndExitsOne(@TempDir Path dir) throws Exception {
        Path m = Files.writeString(dir.resolve("m.json"), "{\"format\": \"mynn-model\", \"version\": 1, \"layers\": [784, 200]}");
        Cli.Result r = Cli.run("inspect", "--model", m.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + m + ": missing field 'activations'" + System.lineSeparator());
    }

    @Test
    void verbose_addsTheStackTrace() {
        Cli.Result r = Cli.run("--verbose", "test", "--model", "/no/such.json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("mynn: /no/such.json: no such file").contains("at org.mynn.core.io.ModelJson.load");
    }

    @Test
    void help_andVersion_exitZero() {
        assertThat(Cli.run("--help").out()).contains("Commands:").contains("demo").contains("backquery");
        assertThat(Cli.run("train", "--help").out()).contains("--layers=SIZES").contains("Examples:");
        Cli.Result v = Cli.run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("mynn ");
    }
}
