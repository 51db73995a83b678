package org.mynn.cli;

import picocli.CommandLine;

/**
 * A value an option cannot take, said in mynn's words: the message names the option as {@code {option}}, which the
 * usage-error handler replaces with the option's name, e.g. "--precision: unknown precision 'half'; expected double
 * or float".
 */
final class OptionValueException extends CommandLine.TypeConversionException {
    private static final long serialVersionUID = 1L;

    OptionValueException(String template) {
        super(template);
    }
}
