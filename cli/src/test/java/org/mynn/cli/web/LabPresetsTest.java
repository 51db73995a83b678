package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.core.inject.CoreModule;
import org.mynn.data.DataModule;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.render.RenderModule;
import org.mynn.testing.Tags;

/**
 * The lab's presets: the book's rotated-copies experiment as a sweep of the rotation angle (an augmentation), the
 * ladder past the book as steps that each set several fields, each with its why; their Start requests read by the lab
 * as any Start is; an estimate that counts each run's own cost (copies, network, epochs, distortions), measured on the
 * real MNIST; a 404 that names the presets.
 */
// the estimate trains a few thousand images of each kind of run to measure it; about 30 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabPresetsTest {

    static LabPlan plans;

    @BeforeAll
    static void wire() {
        plans = Guice.createInjector(new CoreModule(), new DataModule(), new RenderModule(),
                new WebModule(WebServer.Settings.of("127.0.0.1", 0, Path.of("model.json")).withLab(null, null)))
                .getInstance(LabPlan.class);
    }

    @Test
    void theRotatedCopiesPreset_sweepsTheAngle_asARotateAugmentation_onTenThousandImages() {
        LabPresets.Preset p = LabPresets.named("rotate");
        assertThat(p.ladder()).isFalse();
        assertThat(p.field()).isEqualTo("augment");
        assertThat(p.values()).containsExactly(0, 5, 10, 15, 20, 30);
        assertThat(p.why()).contains("0.9775", "10 degrees", "10,000 images");
        List<ObjectNode> runs = p.plans(null);
        assertThat(runs).hasSize(6);
        assertThat(runs.get(0).has("augment")).as("0 degrees: no copies").isFalse();
        List<String> augments = new ArrayList<>();
        for (ObjectNode r : runs.subList(1, 6)) {
            augments.add(r.get("augment").asText());
        }
        assertThat(augments).containsExactly("rotate:5", "rotate:10", "rotate:15", "rotate:20", "rotate:30");
        for (ObjectNode r : runs) {
            // the book's run: 784-200-10 at lr 0.01 for 10 epochs, here on 10,000 images
            assertThat(r.get("samples").asInt()).isEqualTo(10_000);
            assertThat(r.get("hidden").get(0).asInt()).isEqualTo(200);
            assertThat(r.get("lr").asDouble()).isEqualTo(0.01);
            assertThat(r.get("epochs").asInt()).isEqualTo(10);
            LabPlan.Plan plan = plans.read(r);
            assertThat(plan.spec().augment() == null).isEqualTo(!r.has("augment"));
            assertThat(plan.copies()).isEqualTo(r.has("augment"));
        }
        assertThat(plans.read(runs.get(2)).spec().augment().toString()).isEqualTo("rotate:10");
        // one kind of run as far as what an image costs goes, with copies or without
        assertThat(runs.stream().map(r -> plans.read(r).cost()).distinct()).hasSize(2);
        // a request's image count wins
        assertThat(p.plans(1000)).allMatch(r -> r.get("samples").asInt() == 1000);
    }

    @Test
    void theLadder_climbsFromTheBookToSimardsNetwork_aStepARun_eachWithItsWhy() {
        LabPresets.Preset p = LabPresets.named("ladder");
        assertThat(p.ladder()).isTrue();
        assertThat(p.steps()).extracting(LabPresets.Step::label).containsExactly("the book", "+ CE, biases", "+ momentum",
                "+ relu, cosine", "+ 800, float", "+ elastic");
        assertThat(p.values()).containsExactly(1, 2, 3, 4, 5, 6);
        for (LabPresets.Step s : p.steps()) {
            // two lines on the page
            assertThat(s.why()).hasSizeBetween(60, 200);
        }
        List<ObjectNode> runs = p.plans(null);
        List<LabPlan.Plan> read = runs.stream().map(plans::read).toList();
        // all of MNIST, 3 epochs a step (10 with distortions): a few minutes
        assertThat(runs).noneMatch(r -> r.has("samples"));
        assertThat(p.plans(2000)).allMatch(r -> r.get("samples").asInt() == 2000);
        // the first step is the book's run, bit for bit its rule; each later one leaves it
        assertThat(read.get(0).spec().book()).isTrue();
        assertThat(read.get(0).spec().hidden()).containsExactly(200);
        assertThat(read.subList(1, 6)).noneMatch(r -> r.spec().book());
        assertThat(read.get(1).spec().biases()).isTrue();
        assertThat(read.get(2).spec().batch()).isEqualTo(10);
        assertThat(read.get(3).spec().activations().get(0).name()).isEqualTo("relu");
        assertThat(read.get(3).spec().output().name()).isEqualTo("softmax");
        assertThat(read.get(4).spec().hidden()).containsExactly(800);
        assertThat(read.get(4).spec().precision().label()).isEqualTo("float");
        assertThat(read.get(4).spec().augment()).isNull();
        assertThat(read.get(5).spec().augment().toString()).startsWith("elastic");
        assertThat(read.get(5).epochs()).isEqualTo(10);
        assertThat(read.subList(0, 5)).allMatch(r -> r.epochs() == 3);
        // each step its own kind of run, as far as what an image costs goes
        assertThat(read.stream().map(LabPlan.Plan::cost).distinct()).hasSize(6);
        // and the run list tells the steps apart by what each sets
        List<String> described = read.stream().map(r -> r.describe(r.spec().layerSizes(784, 10, "mnist"))).toList();
        assertThat(described).doesNotHaveDuplicates();
        assertThat(described.get(0)).isEqualTo("784-200-10 sigmoid, lr 0.1, 3 epochs on mnist");
        assertThat(described.get(1)).isEqualTo("784-200-10 sigmoid, cross-entropy loss, biases, lr 0.1, 3 epochs on mnist");
        assertThat(described.get(4)).isEqualTo("784-800-10 relu, softmax output, cross-entropy loss, biases, he init,"
                + " optimizer momentum, lr schedule cosine, mini-batches of 10, float, lr 0.02, 3 epochs on mnist");
    }

    @Test
    void noSuchPreset_is404_namingThePresets() {
        assertThatThrownBy(() -> LabPresets.named("nope")).isInstanceOfSatisfying(Http.HttpError.class, e -> {
            assertThat(e.status).isEqualTo(404);
            assertThat(e.getMessage()).contains("'nope'", "lr", "epochs", "hidden", "rotate", "ladder");
        });
    }

    @Test
    @Tag(Tags.REAL_DATA)
    void theEstimate_countsEachRunsOwnCost_itsCopiesNetworkEpochsAndDistortions() {
        RealData.mnist(Split.TRAIN);
        LabPresets presets = new LabPresets(plans);
        List<ObjectNode> rotated = LabPresets.named("rotate").plans(20_000);
        List<Double> angles = presets.estimates(rotated);
        // rotated copies triple the images trained on (not the test set measured after each epoch)
        assertThat(presets.speed(plans.read(rotated.get(0))).copies()).isEqualTo(1);
        for (int i = 1; i < angles.size(); i++) {
            assertThat(presets.speed(plans.read(rotated.get(i))).copies()).isEqualTo(3);
            assertThat(angles.get(i)).as("%s against no copies", angles).isGreaterThan(1.8 * angles.get(0));
        }
        List<ObjectNode> ladder = LabPresets.named("ladder").plans(20_000);
        List<Double> steps = presets.estimates(ladder);
        assertThat(steps).hasSize(6);
        // four times the weights, if in float, which is faster an operation
        assertThat(steps.get(4)).as("%s", steps).isGreaterThan(steps.get(3));
        // the distortion is its own kind of run, measured apart from the same network without it
        assertThat(plans.read(ladder.get(5)).cost()).isNotEqualTo(plans.read(ladder.get(4)).cost());
        // and its 10 epochs count as 10/3 of 3 at its kind's speed, measured once (comparing it with the step before
        // compares two measures on a machine that may be busy: 1.8x to 2.99x against 10/3 in fresh-clone runs)
        ObjectNode fewer = ladder.get(5).deepCopy();
        fewer.put("epochs", 3);
        List<Double> both = presets.estimates(List.of(ladder.get(5), fewer));
        assertThat(both.get(0)).isEqualTo(steps.get(5));
        double fixed = 1 + presets.speed(plans.read(fewer)).prepare() * 20_000;    // a second, and making the data
        assertThat((both.get(0) - fixed) / (both.get(1) - fixed)).as("%s", both)
                .isCloseTo(10 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(presets.estimate(LabPresets.named("ladder").plans(20_000)))
                .isCloseTo(steps.stream().mapToDouble(Double::doubleValue).sum(), org.assertj.core.data.Offset.offset(1e-9));
    }
}
