package org.mynn.core.train;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An epoch's costly inputs (images distorted afresh, {@link TrainingData#costly()}) made a block at a time by the
 * engine's own team of training threads, between training steps, instead of by a producer thread of their own: when
 * training already keeps every core busy, a third thread takes a core from a training thread every few
 * milliseconds and the team waits for it at every sample. Each input is made whole by one thread with its own
 * scratch space, so the inputs are the same bits whichever thread makes them, and training is unchanged.
 */
final class TeamInputs extends DataView {

    /** Inputs made per round of the team. */
    static final int BLOCK = 32;

    private final RowTeam team;
    private final int to;
    private final double[][] made;
    private int first;
    private int count;

    private TeamInputs(TrainingData data, RowTeam team, int to) {
        super(data);
        this.team = team;
        this.to = to;
        this.made = new double[BLOCK][data.inputSize()];
    }

    /**
     * @param to the end of the samples to be trained: no input at or after it is made ahead
     * @return {@code data} whose inputs the team makes, when they cost work and the team has more than one thread;
     *         else {@code data} itself
     */
    static TrainingData of(TrainingData data, RowTeam team, int to) {
        return data.costly() && team.size() > 1 && !(data instanceof TeamInputs) ? new TeamInputs(data, team, to) : data;
    }

    @Override
    public void input(int i, double[] out) {
        if (i < first || i >= first + count) {
            make(i);
        }
        System.arraycopy(made[i - first], 0, out, 0, out.length);
    }

    private void make(int from) {
        int n = Math.max(1, Math.min(BLOCK, to - from));
        count = 0;
        first = from;
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        team.run(RowTeam.blocks(n, 1, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                try {
                    data.input(from + j, made[j]);
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }
        }));
        if (failed.get() != null) {
            throw failed.get();
        }
        count = n;
    }

    @Override
    public TrainingData forEpoch(int epoch) {
        return data.forEpoch(epoch);
    }
}
