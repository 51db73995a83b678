package org.mynn.core;

/**
 * The one error type mynn throws for anything a user can get wrong: a bad file, a bad value, a missing plugin.
 *
 * <p>Its message is a complete sentence for a person, naming the file, line or field and what was expected,
 * so a command-line front end can print it as it is. Anything else that escapes mynn is a bug.
 */
public class MynnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MynnException(String message) {
        super(message);
    }

    public MynnException(String message, Throwable cause) {
        super(message, cause);
    }
}
