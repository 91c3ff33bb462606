package io.grizz.worker.config;

import java.util.List;

/** Start-up refused: settings the configured roles need are missing or wrong. */
public class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("Invalid settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
