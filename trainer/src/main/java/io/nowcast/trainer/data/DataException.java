package io.nowcast.trainer.data;

/**
 * Bad training data: the message says what is wrong and where (file, line, field), in one line that
 * a user can act on.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
