package io.grizz.load.report;

import java.util.List;

/** A table of a report, already formatted as text (e.g. the compare table). */
public record Table(String title, List<String> header, List<List<String>> rows) {}
