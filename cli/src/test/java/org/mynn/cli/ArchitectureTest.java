package org.mynn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mynn.core.Registry;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Schedule;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingEngine;
import org.mynn.data.Augment;

/**
 * The architecture of {@code docs/architecture.md}, in code: every module's and package's allowed dependencies, and no
 * cycle between any two packages. It reads mynn's compiled main classes (core, data-mnist and render from their jars,
 * cli from its classes) and fails naming each dependency that breaks a rule.
 */
class ArchitectureTest {

    static JavaClasses mynn;

    @BeforeAll
    static void read() {
        mynn = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("org.mynn");
    }

    /**
     * The layers, bottom to top. Data flows one way: files, dataset, trainer, model, then JSON, PNG or HTTP. The data
     * and render modules are siblings on top of core; the command line's services use them all; the commands and the
     * web server are the front ends, over the services.
     */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core base").definedBy("org.mynn.core")
            .layer("kernels").definedBy("org.mynn.core.kernel..")
            .layer("activations").definedBy("org.mynn.core.activation..")
            .layer("losses").definedBy("org.mynn.core.loss..")
            .layer("optimizers").definedBy("org.mynn.core.optimize..")
            .layer("augmentations").definedBy("org.mynn.core.augment..")
            .layer("model").definedBy("org.mynn.core.model..")
            .layer("training").definedBy("org.mynn.core.train..")
            .layer("run spec").definedBy("org.mynn.core.run..")
            .layer("model io").definedBy("org.mynn.core.io..")
            .layer("core wiring").definedBy("org.mynn.core.inject..")
            .layer("data").definedBy("org.mynn.data..")
            .layer("render").definedBy("org.mynn.render..")
            .layer("services").definedBy("org.mynn.cli.service..")
            .layer("web").definedBy("org.mynn.cli.web..")
            .layer("options").definedBy("org.mynn.cli.option..")
            .layer("terminal").definedBy("org.mynn.cli.terminal..")
            .layer("commands").definedBy("org.mynn.cli.command..")
            .layer("entry").definedBy("org.mynn.cli")
            .whereLayer("core base").mayNotAccessAnyLayer()
            .whereLayer("kernels").mayOnlyAccessLayers("core base")
            .whereLayer("activations").mayOnlyAccessLayers("core base", "kernels")
            .whereLayer("losses").mayOnlyAccessLayers("core base", "activations")
            .whereLayer("optimizers").mayOnlyAccessLayers("core base")
            .whereLayer("augmentations").mayOnlyAccessLayers("core base", "kernels")
            .whereLayer("model").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers")
            .whereLayer("training").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers", "model")
            .whereLayer("run spec").mayOnlyAccessLayers("core base", "activations", "losses", "optimizers", "augmentations",
                    "model")
            .whereLayer("model io").mayOnlyAccessLayers("core base", "activations", "losses", "model")
            .whereLayer("core wiring").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers",
                    "augmentations", "model io", "run spec")
            .whereLayer("data").mayOnlyAccessLayers("core base", "augmentations", "model", "training", "model io")
            .whereLayer("render").mayOnlyAccessLayers("core base", "model", "training", "model io")
            .whereLayer("services").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers",
                    "augmentations", "model", "training", "run spec", "model io", "data", "render")
            .whereLayer("web").mayOnlyAccessLayers("core base", "model", "training", "run spec", "data", "render", "services")
            .whereLayer("options").mayOnlyAccessLayers("core base", "run spec", "data", "services")
            .whereLayer("terminal").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers", "model",
                    "training", "run spec", "model io", "data", "options")
            .whereLayer("commands").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers",
                    "augmentations", "model", "training", "run spec", "model io", "data", "render", "services", "web",
                    "options", "terminal")
            .whereLayer("entry").mayOnlyAccessLayers("core base", "kernels", "activations", "losses", "optimizers",
                    "augmentations", "model", "training", "run spec", "model io", "core wiring", "data", "render", "services",
                    "web", "options", "terminal", "commands");

    /**
     * The run specification is the only place a training setting is checked and a run's network and settings are made:
     * the command line, the web server and the services never build a network's weights, make or change training
     * settings, or read an optimizer, schedule or augmentation spec themselves; they hand what people give to
     * {@code RunSpec}.
     */
    static final ArchRule ONLY_THE_RUN_SPEC_CHECKS_SETTINGS = noClasses().that().resideInAPackage("org.mynn.cli..")
            .should().callCodeUnitWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.assignableTo(NetworkBuilder.class))))
            .orShould().callCodeUnitWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.assignableTo(TrainingSettings.class))).and(JavaCall.Predicates.target(
                    HasName.Predicates.nameMatching("<init>|of|with.*"))))
            .orShould().callMethod(NeuralNetwork.class, "builder", int[].class)
            .orShould().callMethod(Configured.class, "parse", String.class, Registry.class)
            .orShould().callMethod(Schedule.class, "parse", String.class)
            .orShould().callMethod(Augmentations.class, "parse", String.class, Registry.class)
            .orShould().callMethod(Augment.class, "parse", String.class)
            .because("RunSpec checks every training setting, once, for every front end (docs/architecture.md)");

    /**
     * Commands parse, call a service and print: a run is trained by the services (Runs, TrainingRun), never by a
     * command making a trainer or an engine itself, so every front end trains the same way.
     */
    static final ArchRule COMMANDS_DO_NOT_TRAIN = noClasses().that().resideInAPackage("org.mynn.cli.command..")
            .should().callCodeUnitWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.assignableTo(Trainer.class).or(JavaClass.Predicates.assignableTo(TrainingEngine.class)))))
            .because("commands are thin: the services train (docs/architecture.md)");

    /**
     * The kernels are chosen where a program starts (the injector's {@code CoreModule}, or {@link Kernels#best()} in a
     * plain-Java entry point) and passed to whoever runs them: no class reads them from a static global.
     */
    static final ArchRule NO_STATIC_KERNELS = noFields().that().areStatic().should().haveRawType(Kernels.class)
            .because("the kernels are bound in CoreModule and passed, never read from a static field (docs/architecture.md)");

    /** No two packages depend on each other, however indirectly. */
    static final ArchRule NO_CYCLES = slices().matching("org.mynn.(**)").namingSlices("package org.mynn.$1").should()
            .beFreeOfCycles();

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        LAYERS.check(mynn);
    }

    @Test
    void onlyTheRunSpecificationChecksTrainingSettings() {
        ONLY_THE_RUN_SPEC_CHECKS_SETTINGS.check(mynn);
    }

    @Test
    void commandsLeaveTrainingToTheServices() {
        COMMANDS_DO_NOT_TRAIN.check(mynn);
    }

    @Test
    void noClassKeepsKernelsInAStaticField() {
        NO_STATIC_KERNELS.check(mynn);
    }

    @Test
    void noPackagesFormACycle() {
        NO_CYCLES.check(mynn);
    }
}
