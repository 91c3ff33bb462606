package io.grizz.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.worker.support.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of compose/prometheus: Prometheus's own {@code promtool} checks them and runs their unit tests
 * (Debian's {@code prometheus} package; {@code .ci/run} installs it, without it those two skip), and, promtool or
 * not, every rule has a firing and a quiet case in those tests and says what to do in docs/operations.md.
 */
class PrometheusRulesTest {

    static final Path PROMETHEUS = Path.of("..", "compose", "prometheus");
    static final Path RULES = PROMETHEUS.resolve("alerts.yml");
    static final Path RULE_TESTS = PROMETHEUS.resolve("alerts.test.yml");
    static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

    static final Set<String> SEVERITIES = Set.of("critical", "warning");
    private static final long PROMTOOL_TIMEOUT_SECONDS = 60;

    @Test
    void promtoolFindsTheRulesValid() throws Exception {
        assertThat(promtool("check", "rules", RULES.getFileName().toString()))
                .contains("SUCCESS: " + rules().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() throws Exception {
        assertThat(promtool("test", "rules", RULE_TESTS.getFileName().toString()))
                .contains("SUCCESS");
    }

    @Test
    void everyRuleHasAFiringAndAQuietCase() {
        Map<String, Set<String>> cases = new LinkedHashMap<>();
        for (Object test : list(yaml(RULE_TESTS).get("tests"))) {
            for (Object ruleTest : list(map(test).getOrDefault("alert_rule_test", List.of()))) {
                String alert = (String) map(ruleTest).get("alertname");
                boolean fires = !list(map(ruleTest).getOrDefault("exp_alerts", List.of()))
                        .isEmpty();
                cases.computeIfAbsent(alert, a -> new TreeSet<>()).add(fires ? "firing" : "quiet");
            }
        }
        assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(rules().keySet());
        cases.forEach((alert, kinds) -> assertThat(kinds).as(alert).containsExactly("firing", "quiet"));
    }

    @Test
    void everyRuleWaitsHasASeverityAndPointsAtItsSectionOfTheOperationsGuide() throws IOException {
        Set<String> anchors = anchors(Files.readString(OPERATIONS));
        rules().forEach((alert, rule) -> {
            assertThat(rule.get("for")).as(alert + " for").isNotNull();
            assertThat(map(rule.get("labels")).get("severity"))
                    .as(alert + " severity")
                    .isIn(SEVERITIES);
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook");
            String runbook = (String) annotations.get("runbook");
            assertThat(runbook).as(alert).isEqualTo("docs/operations.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors)
                    .as(alert + ": a heading in docs/operations.md")
                    .contains(alert.toLowerCase(Locale.ROOT));
        });
    }

    /** Alert name → its rule, over every group of alerts.yml. */
    static Map<String, Map<String, Object>> rules() {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Object group : list(yaml(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                rules.put((String) map(rule).get("alert"), map(rule));
            }
        }
        return rules;
    }

    /** The PromQL of every rule. */
    static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        rules().values().forEach(rule -> expressions.add((String) rule.get("expr")));
        return expressions;
    }

    /** The output of promtool run in compose/prometheus; skips the test where promtool is not installed. */
    private static String promtool(String... arguments) throws Exception {
        Path promtool = Executables.onPath("promtool").orElse(null);
        assumeTrue(promtool != null, "needs promtool: apt-get install -y prometheus");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(PROMETHEUS.toFile())
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(PROMTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("promtool %s finished", command).isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", command, output).isZero();
        return output;
    }

    /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        markdown.lines()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .forEach(anchors::add);
        return anchors;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<?>) value;
    }
}
