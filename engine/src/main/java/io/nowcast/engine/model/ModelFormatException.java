package io.nowcast.engine.model;

import java.io.IOException;

/**
 * An {@code .ncm} file that breaks the format's contract. The message names the field, the value
 * found and what is allowed, so that a user knows what is wrong with the file.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }
}
