package org.mynn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An enum constant with a stable spelling for files and the command line, e.g. {@code fan-in} for
 * {@code WeightInit.FAN_IN}. {@link #parse} is the one place such spellings are read back.
 */
public interface Labelled {

    /** @return the spelling used in model files and on the command line, e.g. "fan-in" */
    String label();

    /**
     * @param what names the kind in the error, e.g. "weight init"
     * @return the constant of {@code type} spelled {@code label} (ignoring case)
     * @throws MynnException listing the spellings when there is none
     */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String label, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new MynnException("unknown " + what + " '" + label + "'; expected " + or(labels(type)));
    }

    /** @return the spellings of {@code type}'s constants, in order */
    static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.label());
        }
        return out;
    }

    /** @return "a", "a or b", "a, b or c" */
    static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
