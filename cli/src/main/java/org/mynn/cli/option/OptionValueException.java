package org.mynn.cli.option;

import picocli.CommandLine;

/**
 * A value an option cannot take, said in mynn's words: the message names the option as {@code {option}}, which the
 * usage-error handler replaces with the option's name, e.g. "--precision: unknown precision 'half'; expected double
 * or float".
 */
public final class OptionValueException extends CommandLine.TypeConversionException {
    private static final long serialVersionUID = 1L;

    public OptionValueException(String template) {
        super(template);
    }
}
