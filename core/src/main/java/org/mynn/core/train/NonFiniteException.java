package org.mynn.core.train;

import org.mynn.core.MynnException;

/** An engine met a number that is not finite while training; the trainer turns it into a message for people. */
public final class NonFiniteException extends MynnException {
    private static final long serialVersionUID = 1L;

    private final int sample;

    NonFiniteException(int sample, String what) {
        super(what + " at sample " + sample);
        this.sample = sample;
    }

    /** @return the index of the sample whose forward pass gave the non-finite outputs */
    public int sample() {
        return sample;
    }
}
