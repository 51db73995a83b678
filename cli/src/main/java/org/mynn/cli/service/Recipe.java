package org.mynn.cli.service;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Schedule;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingData;
import org.mynn.data.Augment;
import org.mynn.data.Dataset;

/**
 * What a run adds to the book, option by option: the loss and output layer, biases, the initial weights' rule, the
 * optimizer and the learning rate's schedule, augmentations, images held out for validation, and whether to keep the
 * epoch that did best on them. {@link #BOOK} changes nothing, so the book's numbers stay bit for bit.
 *
 * @param loss         what training makes small
 * @param output       the output layer's activation; null for the one the others have
 * @param biases       every non-input node gets a bias
 * @param init         how the initial weights are drawn
 * @param optimizer    how the weights move
 * @param schedule     how the learning rate changes from epoch to epoch
 * @param augment      the augmentations; null for none
 * @param validation   the training images held out (the last ones); 0 for none
 * @param keepBest     keep the epoch with the best validation accuracy instead of the last
 */
public record Recipe(Loss loss, Activation output, boolean biases, WeightInit init, Configured optimizer, Schedule schedule,
        Augmentations augment, int validation, boolean keepBest) {

    /** The book's: nothing added. */
    public static final Recipe BOOK = new Recipe(Loss.MSE, null, false, WeightInit.RECEIVING, Configured.sgd(),
            Schedule.CONSTANT, null, 0, false);

    /** @throws MynnException when keeping the best has nothing to choose by, or the loss does not suit the output */
    public Recipe {
        if (keepBest && validation < 1) {
            throw new MynnException("keeping the best epoch needs images held out to choose it by (validation)");
        }
        if (validation < 0) {
            throw new MynnException("the images held out for validation cannot be negative: " + validation);
        }
        if (output != null) {
            loss.checkOutput(output);
        }
    }

    /**
     * Sets up a builder: loss, biases, init, and the output activation in place of the last.
     *
     * @param activations the activations given (one, or one per weight matrix)
     * @param matrices    the network's weight matrices
     */
    public NetworkBuilder configure(NetworkBuilder b, List<Activation> activations, int matrices) {
        List<Activation> acts = new ArrayList<>();
        for (int k = 0; k < matrices; k++) {
            acts.add(activations.size() == 1 ? activations.get(0) : activations.get(k));
        }
        if (output != null && !acts.isEmpty()) {
            acts.set(matrices - 1, output);
        }
        return b.activations(acts).loss(loss).biases(biases).init(init);
    }

    /** @return {@code s} with this recipe's optimizer and schedule */
    public TrainingSettings configure(TrainingSettings s) {
        return s.withOptimizer(optimizer).withSchedule(schedule);
    }

    /**
     * The data of a run: the training images, less the last {@link #validation} held out, augmented (drawn from
     * {@code seed}); the held-out images; the test set.
     *
     * @param test may be null
     * @throws MynnException when there are not enough training images to hold that many out
     */
    public Trainer.Sets sets(Dataset train, Dataset test, long seed, Augment augmenter) {
        Dataset learn = train;
        Dataset held = null;
        if (validation > 0) {
            if (validation >= train.size()) {
                throw new MynnException("cannot hold out " + validation + " images for validation: " + train.name() + " has "
                        + train.size());
            }
            learn = train.part(0, train.size() - validation);
            held = train.part(train.size() - validation, train.size());
        }
        TrainingData data = augment == null ? learn : augmenter.apply(learn, augment, seed);
        return new Trainer.Sets(data, held, test);
    }

    /** @return true when it adds nothing to the book */
    public boolean isBook() {
        return equals(BOOK) || (loss.name().equals("mse") && output == null && !biases && init == WeightInit.RECEIVING
                && optimizer.plain() && schedule.constant() && augment == null && validation == 0 && !keepBest);
    }
}
