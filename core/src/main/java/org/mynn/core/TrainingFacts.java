package org.mynn.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about how a network was made: stored under {@code "training"} in the model file.
 *
 * <p>Every field is optional. Unknown fields read from a file are kept in {@link #other()} and written back, so a
 * newer mynn's facts survive a round trip through an older one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seed", "init", "rule", "precision", "batch", "epochs", "samplesSeen", "accuracy", "dataset", "classes", "created", "history", "checkpoint"})
public final class TrainingFacts {

    /**
     * Where an interrupted run stands, written into checkpoint files only: whole epochs done, samples of the next
     * one done, the epochs wanted, the training and test data by name and size, and what the command line needs to
     * load the same data again.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(int epochsDone, int samplesDone, int epochs, String train, int trainSize, String test,
            Map<String, String> data) {
    }

    /** One finished epoch: its number (1-based), test accuracy if measured, mean squared error, seconds taken. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Epoch(int epoch, Double accuracy, Double mse, Double seconds) {
    }

    private Long seed;
    private String init;
    private String rule;
    private String precision;
    private Integer batch;
    private Integer epochs;
    private Long samplesSeen;
    private Double accuracy;
    private String dataset;
    private List<String> classes;
    private String created;
    private List<Epoch> history = new ArrayList<>();
    private Checkpoint checkpoint;
    private final Map<String, Object> other = new LinkedHashMap<>();

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    /** @return {@link WeightInit#label()} of the initialisation used */
    public String getInit() {
        return init;
    }

    public void setInit(String init) {
        this.init = init;
    }

    /** @return {@link BackpropRule#label()} of the rule trained with */
    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    /** @return {@link Precision#label()} of the arithmetic trained in */
    public String getPrecision() {
        return precision;
    }

    public void setPrecision(String precision) {
        this.precision = precision;
    }

    /** @return samples per update: 1 for the book's per-sample SGD */
    public Integer getBatch() {
        return batch;
    }

    public void setBatch(Integer batch) {
        this.batch = batch;
    }

    /** @return epochs completed */
    public Integer getEpochs() {
        return epochs;
    }

    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Long getSamplesSeen() {
        return samplesSeen;
    }

    public void setSamplesSeen(Long samplesSeen) {
        this.samplesSeen = samplesSeen;
    }

    /** @return the last measured test accuracy, 0..1 */
    public Double getAccuracy() {
        return accuracy;
    }

    public void setAccuracy(Double accuracy) {
        this.accuracy = accuracy;
    }

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

    /** @return the names of the output classes, index = label; null when unknown */
    public List<String> getClasses() {
        return classes;
    }

    public void setClasses(List<String> classes) {
        this.classes = classes == null ? null : List.copyOf(classes);
    }

    /** @return when the network was created, ISO-8601 */
    public String getCreated() {
        return created;
    }

    public void setCreated(String created) {
        this.created = created;
    }

    /** @return one entry per finished epoch, oldest first; never null */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Epoch> getHistory() {
        return history;
    }

    public void setHistory(List<Epoch> history) {
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
    }

    /** @return the position of an interrupted run, in checkpoint files; null in finished models */
    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    public void setCheckpoint(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** @return facts under names this version does not know, kept for the next save */
    @JsonAnyGetter
    public Map<String, Object> other() {
        return other;
    }

    @JsonAnySetter
    public void put(String name, Object value) {
        other.put(name, value);
    }

    /** @return an independent copy */
    public TrainingFacts copy() {
        TrainingFacts c = new TrainingFacts();
        c.seed = seed;
        c.init = init;
        c.rule = rule;
        c.precision = precision;
        c.batch = batch;
        c.epochs = epochs;
        c.samplesSeen = samplesSeen;
        c.accuracy = accuracy;
        c.dataset = dataset;
        c.classes = classes;
        c.created = created;
        c.history = new ArrayList<>(history);
        c.checkpoint = checkpoint;
        c.other.putAll(other);
        return c;
    }
}
