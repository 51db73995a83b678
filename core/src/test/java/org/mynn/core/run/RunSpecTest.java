package org.mynn.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.core.SettingException;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;

/** The run specification: the book's defaults for the book's run, the literature's past it, and one check per setting. */
class RunSpecTest {

    static final Catalog PLUGINS = Catalog.builtIn();

    static RunSpecBuilder spec() {
        return RunSpec.builder(PLUGINS);
    }

    @Test
    void theBooksRun_keepsTheBooksRuleAndTheFilesOrder_atAnySizeRateAndEpochs() {
        for (RunSpec s : List.of(spec().build(), spec().hidden(500).lr(0.3).epochs(7).precision("float").build(),
                spec().augment("rotate:10").validation(100).build())) {
            assertThat(s.book()).isTrue();
            assertThat(s.pastTheBook()).isEmpty();
            assertThat(s.rule()).isEqualTo(BackpropRule.BOOK);
            assertThat(s.order()).isEqualTo(Order.FILE);
            assertThat(s.literatureDefaults()).isEmpty();
        }
        TrainingSettings t = spec().build().settings();
        assertThat(t).isEqualTo(new TrainingSettings(0.1, BackpropRule.BOOK, Order.FILE, Precision.DOUBLE, 1,
                RunSpec.defaultThreads(), t.optimizer(), t.schedule()));
        assertThat(t.plain()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "two hidden layers|2 hidden layers",
        "relu|relu",
        "softmax output|softmax output",
        "cross-entropy|cross-entropy loss",
        "biases|biases",
        "he init|he init",
        "momentum|optimizer momentum",
        "cosine|lr schedule cosine",
        "batches|mini-batches of 32",
    })
    void anySettingPastTheBook_takesTheGradientAndAShuffledOrder(String what, String said) {
        RunSpecBuilder b = switch (what) {
            case "two hidden layers" -> spec().hidden(200, 100);
            case "relu" -> spec().activation("relu");
            case "softmax output" -> spec().output("softmax");
            case "cross-entropy" -> spec().output("softmax").loss("cross-entropy");
            case "biases" -> spec().biases(true);
            case "he init" -> spec().init("he");
            case "momentum" -> spec().optimizer("momentum");
            case "cosine" -> spec().schedule("cosine");
            default -> spec().batch(32);
        };
        RunSpec s = b.build();
        assertThat(s.book()).isFalse();
        assertThat(s.pastTheBook()).contains(said);
        assertThat(s.rule()).isEqualTo(BackpropRule.GRADIENT);
        assertThat(s.order()).isEqualTo(Order.SHUFFLE);
        assertThat(s.literatureDefaults()).containsExactly("rule", "order");
        assertThat(s.settings().rule()).isEqualTo(BackpropRule.GRADIENT);
        assertThat(s.settings().order()).isEqualTo(Order.SHUFFLE);
        RunSpec asked = b.rule("book").order("file").build();
        assertThat(asked.rule()).isEqualTo(BackpropRule.BOOK);
        assertThat(asked.order()).isEqualTo(Order.FILE);
        assertThat(asked.literatureDefaults()).isEmpty();
    }

    @Test
    void theBooksNetwork_canAskForTheGradientOrAShuffle_andStaysTheBooks() {
        RunSpec s = spec().rule("gradient").order("shuffle").build();
        assertThat(s.book()).isTrue();
        assertThat(s.rule()).isEqualTo(BackpropRule.GRADIENT);
        assertThat(s.order()).isEqualTo(Order.SHUFFLE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "lr=-1|lr|must be above 0 and at most 1000 but is -1.0",
        "lr=NaN|lr|must be above 0 and at most 1000 but is NaN",
        "lr=1001|lr|must be above 0 and at most 1000 but is 1001.0",
        "epochs=0|epochs|must be from 1 to 10,000 but is 0",
        "epochs=10001|epochs|must be from 1 to 10,000 but is 10001",
        "threads=0|threads|must be from 1 to 256 but is 0",
        "batch=0|batch|must be at least 1 but is 0",
        "hidden=0|hidden|sizes must be from 1 to 1,000,000 but '0' has 0",
        "validation=-1|validation|must be at least 0 (0 holds none out) but is -1",
        "samples=-1|samples|must be at least 0 (0 for all) but is -1",
        "keep=best|keep|best needs images held out to choose the best epoch by (validation)",
        "keep=first|keep|must be best or last but is 'first'",
        "rule=exact|rule|unknown backpropagation rule 'exact'; expected book or gradient",
        "order=sorted|order|unknown sample order 'sorted'; expected file or shuffle",
        "precision=half|precision|unknown precision 'half'; expected double or float",
        "init=zeros|init|unknown weight init 'zeros'; expected receiving, fan-in, glorot or he",
        "activation=cube|activation|unknown activation 'cube'; available: leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more)",
        "augment=rotate:10,rotate:10|augment|'rotate' is given twice in 'rotate:10,rotate:10'; give each augmentation once, with the settings you want (e.g. rotate[:DEGREES])",
        "schedule=exp:1e10|schedule|'exp:1e10': the factor multiplies the learning rate (below 1 it decays) and must be above 0 and at most 10 but is 1.0E10",
    })
    void eachBadValue_isRefusedOnce_namingItsField(String given, String field, String problem) {
        String name = given.substring(0, given.indexOf('='));
        String v = given.substring(given.indexOf('=') + 1);
        RunSpecBuilder b = spec();
        switch (name) {
            case "lr" -> b.lr(Double.parseDouble(v));
            case "epochs" -> b.epochs(Integer.parseInt(v));
            case "threads" -> b.threads(Integer.parseInt(v));
            case "batch" -> b.batch(Integer.parseInt(v));
            case "hidden" -> b.hidden(Integer.parseInt(v));
            case "validation" -> b.validation(Integer.parseInt(v));
            case "samples" -> b.samples(Integer.parseInt(v));
            case "keep" -> b.keep(v);
            case "rule" -> b.rule(v);
            case "order" -> b.order(v);
            case "precision" -> b.precision(v);
            case "init" -> b.init(v);
            case "activation" -> b.activation(v);
            case "augment" -> b.augment(v);
            default -> b.schedule(v);
        }
        assertThatThrownBy(b::build).isInstanceOfSatisfying(SettingException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void checkAgainstTheData_refusesWhatDoesNotFit_beforeAnythingIsAllocated() {
        assertThatThrownBy(() -> spec().batch(101).build().check(784, 10, 100, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.field()).isEqualTo("batch"));
        assertThatThrownBy(() -> spec().batch(91).validation(10).build().check(784, 10, 100, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.problem()).contains("(10 held out)"));
        assertThatThrownBy(() -> spec().augment("shift:15").build().check(784, 10, 100, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.problem()).contains("at most 14"));
        assertThat(spec().augment("shift:14").build().check(784, 10, 100, "d")).containsExactly(784, 200, 10);
        assertThatThrownBy(() -> spec().augment("shift:2").build().check(780, 10, 100, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.problem()).contains("not a square"));
        assertThatThrownBy(() -> spec().layers(785, 10).build().check(784, 10, 100, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.problem())
                        .isEqualTo("starts with 785 but d has 784 values per sample"));
        assertThatThrownBy(() -> spec().hidden(20_000).batch(10_000).samples(20_000).build().check(784, 10, 60_000, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.field()).isEqualTo("batch"));
        assertThatThrownBy(() -> spec().hidden(200_000, 200_000).build().check(784, 10, 60_000, "d"))
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.field()).isEqualTo("hidden"));
    }

    @Test
    void recorded_givesBackTheRunAModelRecords() {
        RunSpec s = spec().hidden(30, 20).activation("tanh").output("softmax").loss("cross-entropy").biases(true)
                .init("glorot").lr(0.02).seed(5L).optimizer("adam").batch(16).precision("float").epochs(3).build();
        NeuralNetwork net = s.network(s.layerSizes(784, 10, "d"));
        NeuralNetwork trained = net.withProvenance(net.provenance().toBuilder().epochs(3).order(Order.SHUFFLE)
                .precision(Precision.FLOAT).batch(16).optimizer("adam:0.9:0.999:1e-08").build());
        RunSpec again = RunSpec.recorded(trained, PLUGINS, 2);
        assertThat(again.network(trained.layers()).allWeights()[1].data).isEqualTo(net.allWeights()[1].data);
        assertThat(again.settings().withThreads(s.threads()).withOptimizer(s.optimizer())).isEqualTo(s.settings());
        assertThat(again.optimizer().optimizer()).isEqualTo(s.optimizer().optimizer());
        assertThat(again.rule()).isEqualTo(BackpropRule.GRADIENT);
        assertThat(again.init()).isEqualTo(WeightInit.GLOROT);
        assertThat(again.epochs()).isEqualTo(3);
        RunSpec book = RunSpec.recorded(spec().seed(1L).build().network(new int[] {784, 200, 10}), PLUGINS, 1);
        assertThat(book.rule()).isEqualTo(BackpropRule.BOOK);
        assertThat(book.order()).isEqualTo(Order.FILE);
    }

    @Test
    void toBuilder_changesOneSettingAndChecksAgain() {
        RunSpec s = spec().hidden(50).lr(0.2).build();
        assertThat(s.toBuilder().lr(0.3).build().lr()).isEqualTo(0.3);
        assertThat(s.toBuilder().lr(0.3).build().hidden()).containsExactly(50);
        assertThatThrownBy(() -> s.toBuilder().lr(-1.0).build()).isInstanceOf(SettingException.class);
    }
}
