package dev.loompatterns.fidelity;

/**
 * Why the sides cannot be compared: the example does not compile, a side failed its check, or the example did other
 * work.
 */
public final class CannotCompare extends Exception {
    CannotCompare(String message) {
        super(message);
    }
}
