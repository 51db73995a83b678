package org.mynn.core;

/**
 * A training setting that is wrong: which one ({@link #field()}, the run specification's name for it, e.g. "lr") and
 * what is wrong with it ({@link #problem()}, e.g. "must be above 0 and at most 1000 but is -1"). Each front end names
 * the field its own way: the command line as its option ({@code --lr: ...}), the training lab as its JSON field.
 */
public final class SettingException extends MynnException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public SettingException(String field, String problem) {
        super("'" + field + "': " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** @return the setting, by its name in the run specification, e.g. "lr", "hidden", "augment" */
    public String field() {
        return field;
    }

    /** @return what is wrong, without the setting's name */
    public String problem() {
        return problem;
    }
}
