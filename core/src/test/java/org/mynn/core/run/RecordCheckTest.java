package org.mynn.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Provenance.DataFile;
import org.mynn.core.model.Provenance.DataReference;
import org.mynn.core.model.Provenance.Epoch;

/** A record that does not add up is refused before anything is trained again, with the arithmetic. */
class RecordCheckTest {

    static final DataReference TRAIN = new DataReference("train.csv", null, null, null, 60000, 10,
            List.of(new DataFile("train.csv", "ab")), null);
    static final DataReference TEST = new DataReference("test.csv", null, null, null, 10000, 10,
            List.of(new DataFile("test.csv", "cd")), null);

    /** Two epochs of 60,000 samples, measured on 10,000 test images, as the trainer records them. */
    static Provenance.Builder consistent() {
        return new Provenance.Builder().seed(1L).epochs(2).samplesSeen(120_000L).data(TRAIN).test(TEST)
                .accuracy(0.9512).epoch(new Epoch(1, 0.9311, 0.01, 1.5, null, 0.2))
                .epoch(new Epoch(2, 0.9512, 0.008, 1.4, null, 0.1));
    }

    @Test
    void aRecordAsTheTrainerWritesIt_addsUp() {
        assertThat(RecordCheck.problems(consistent().build())).isEmpty();
        RecordCheck.check(consistent().build(), "m.json");
    }

    @Test
    void aBillionEpochs_isRefusedWithTheArithmetic() {
        Provenance p = consistent().epochs(1_000_000_000).build();
        assertThatThrownBy(() -> RecordCheck.check(p, "m.json")).isInstanceOf(MynnException.class)
                .hasMessage("m.json: its record does not add up: 1000000000 epochs x 60000 samples (training.epochs x"
                        + " training.data.size) = 60000000000000, but it says it saw 120000 (training.samplesSeen); was it"
                        + " edited?");
    }

    @Test
    void aBillionEpochsWithTheSamplesEditedToMatch_isRefusedByTheLimit() {
        Provenance p = consistent().epochs(1_000_000_000).samplesSeen(60_000_000_000_000L).build();
        assertThat(RecordCheck.problems(p)).contains("it records 1000000000 epochs (training.epochs) but a history of 2"
                + " (training.history)", "it records 1000000000 epochs (training.epochs) but mynn trains at most 10,000 in a run");
    }

    @Test
    void aHistoryShorterThanTheEpochs_orNumberedWrongly_isRefused() {
        Provenance.Builder b = consistent();
        Provenance shorter = b.history(List.of(new Epoch(1, 0.9311, 0.01, 1.5, null, 0.2))).build();
        assertThat(RecordCheck.problems(shorter)).containsExactly("it records 2 epochs (training.epochs) but a history of"
                + " 1 (training.history)");
        Provenance renumbered = consistent().history(List.of(new Epoch(1, 0.9311, 0.01, 1.5, null, 0.2),
                new Epoch(5, 0.9512, 0.008, 1.4, null, 0.1))).build();
        assertThat(RecordCheck.problems(renumbered)).containsExactly("training.history[1].epoch is 5, but it is entry 2"
                + " of the history, which counts epochs from 1");
    }

    @Test
    void anAccuracyThatIsNoCountOfRightAnswers_isRefused() {
        assertThat(RecordCheck.problems(consistent().accuracy(0.95123).build())).containsExactly("training.accuracy is"
                + " 0.95123, which is no count of right answers out of the 10000 test images (0.95123 x 10000 = 9512.300)");
        assertThat(RecordCheck.problems(consistent().accuracy(1.5).build()))
                .containsExactly("training.accuracy is 1.5; an accuracy is from 0 to 1");
        assertThat(RecordCheck.problems(consistent().accuracy(0.99).build())).as("a count, only not the run's: the"
                + " rerun finds that").isEmpty();
    }

    @Test
    void aRangeOfRecords_mustBeTheSizeRecorded() {
        DataReference part = TRAIN.slice(0, 500);
        Provenance ok = consistent().data(part).samplesSeen(1000L).build();
        assertThat(RecordCheck.problems(ok)).isEmpty();
        DataReference edited = new DataReference(part.name(), null, null, null, 400, 10, part.files(), null, null, "0:500");
        assertThat(RecordCheck.problems(consistent().data(edited).samplesSeen(800L).build())).containsExactly(
                "records 0 to 500 (training.data.range 0:500) are 500 samples, but training.data.size is 400");
    }

    @Test
    void negativeCountsAndLosses_areRefused() {
        assertThat(RecordCheck.problems(consistent().samplesSeen(-1L).build()))
                .containsExactly("training.samplesSeen is -1, below 0");
        Provenance badLoss = consistent().history(List.of(new Epoch(1, 0.9311, 0.01, 1.5, null, -0.2),
                new Epoch(2, 0.9512, Double.NaN, 1.4, null, 0.1))).build();
        assertThat(RecordCheck.problems(badLoss)).containsExactly(
                "training.history[0].loss is -0.2; a training loss is a finite number from 0",
                "training.history[1].mse is NaN; a mean squared error is a finite number from 0");
    }

    @Test
    void factsNotRecorded_areNotChecked() {
        Provenance old = new Provenance.Builder().seed(1L).epochs(3).build();
        assertThat(RecordCheck.problems(old)).isEmpty();
    }
}
