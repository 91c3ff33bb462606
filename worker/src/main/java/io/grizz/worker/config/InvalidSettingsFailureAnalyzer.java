package io.grizz.worker.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints refused settings as a list a person can act on, instead of a stack trace. */
public class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String description = "grizz-worker cannot start:\n  - " + String.join("\n  - ", cause.problems());
        return new FailureAnalysis(
                description,
                "Set the variables above (see the README, Configuration at a glance), "
                        + "or run dev mode, which sets them all.",
                cause);
    }
}
