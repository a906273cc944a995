package io.alertline.common.payload;

/** A body we cannot process: names the offending field (a JSON path such as {@code alerts[2].labels}). */
public class PayloadValidationException extends RuntimeException {

    private final String field;

    public PayloadValidationException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
