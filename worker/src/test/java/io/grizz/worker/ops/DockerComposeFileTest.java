package io.grizz.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.grizz.worker.api.ReadApiProperties;
import io.grizz.worker.config.DocumentedVariables;
import io.grizz.worker.config.InvalidSettingsException;
import io.grizz.worker.config.RequiredSettings;
import io.grizz.worker.support.WorkerSettingsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml cannot run here (no Docker), so this reads it as Docker Compose
 * would and checks what would otherwise only fail at {@code docker compose up}: the workers'
 * settings, the addresses between services, start order, ports, Prometheus and Grafana wiring.
 */
class DockerComposeFileTest {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path COMPOSE = REPOSITORY.resolve("compose");

    /** docs/contract.md §6: the only environment variables that configure the worker. */
    static final Set<String> CONTRACT_VARIABLES =
            DocumentedVariables.ofContract().keySet();

    /** What the user exports before {@code docker compose up}: the file has no default for it, on purpose. */
    static final Map<String, String> USER_SHELL = Map.of("READ_API_JWT_SECRET", "s".repeat(48));

    static final Map<String, String> WORKER_ROLES = Map.of("ingest", "ingest", "read-api", "read-api");

    private static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() {
        services = map(yaml(COMPOSE.resolve("docker-compose.yml")).get("services"));
    }

    @Test
    void theWorkerRunsTwiceAsIngestAndReadApiBuiltFromTheRepositoryDockerfile() {
        Map<String, Object> workers = new TreeMap<>();
        services.forEach((name, service) -> {
            if (map(service).containsKey("build")) {
                workers.put(name, service);
            }
        });
        assertThat(workers).containsOnlyKeys(WORKER_ROLES.keySet());
        workers.forEach((name, service) -> {
            Map<String, Object> build = map(map(service).get("build"));
            Path context = COMPOSE.resolve((String) build.get("context")).normalize();
            assertThat(context).as(name).isEqualTo(REPOSITORY);
            assertThat(context.resolve((String) build.get("dockerfile")))
                    .as(name)
                    .isRegularFile();
            assertThat(environment(name).get("GRIZZ_ROLES")).as(name).isEqualTo(WORKER_ROLES.get(name));
        });
    }

    @Test
    void theWorkersAreConfiguredOnlyWithTheVariablesOfSpec6() {
        for (String worker : WORKER_ROLES.keySet()) {
            assertThat(environment(worker).keySet()).as(worker).isSubsetOf(CONTRACT_VARIABLES);
        }
    }

    @Test
    void eachWorkerPassesTheWorkersOwnStartUpCheckForItsRole() {
        for (String worker : WORKER_ROLES.keySet()) {
            assertThat(startUpProblems(environment(worker))).as(worker).isEmpty();
        }
        // the check is real: without the database the ingest worker would not start
        Map<String, String> withoutDatabase = new HashMap<>(environment("ingest"));
        withoutDatabase.remove("DATABASE_URL");
        assertThat(startUpProblems(withoutDatabase)).singleElement().asString().startsWith("DATABASE_URL");
    }

    @Test
    void theWorkersReachPostgresThroughPgBouncerInSessionModeWithPostgresCredentials() {
        Map<String, Map<String, String>> ini = ini(mountedFile("pgbouncer", "/etc/pgbouncer/pgbouncer.ini"));
        Map<String, String> pgbouncer = ini.get("pgbouncer");
        assertThat(pgbouncer.get("pool_mode")).isEqualTo("session");
        Map<String, String> postgres = environment("postgres");
        String listeningDatabase = ini.get("databases").keySet().iterator().next();
        assertThat(ini.get("databases").get(listeningDatabase))
                .isEqualTo("host=postgres port=5432 dbname=" + postgres.get("POSTGRES_DB"));
        assertThat(services).containsKey("postgres");
        String userlist = read(mountedFile("pgbouncer", pgbouncer.get("auth_file")));

        for (String worker : WORKER_ROLES.keySet()) {
            Map<String, String> env = environment(worker);
            URI url = URI.create(env.get("DATABASE_URL").substring("jdbc:".length()));
            assertThat(url.getHost()).as(worker).isEqualTo("pgbouncer");
            assertThat(url.getPort()).as(worker).isEqualTo(Integer.parseInt(pgbouncer.get("listen_port")));
            assertThat(url.getPath()).as(worker).isEqualTo("/" + listeningDatabase);
            assertThat(env.get("DATABASE_POOLER_MODE")).as(worker).isEqualTo("session");
            assertThat(env.get("DATABASE_USERNAME")).as(worker).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("DATABASE_PASSWORD")).as(worker).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(userlist)
                    .as(worker)
                    .contains("\"" + env.get("DATABASE_USERNAME") + "\" \"" + env.get("DATABASE_PASSWORD") + "\"");
        }
    }

    @Test
    void inSessionModeEveryWorkerConnectionFitsPgBouncersServerPool() {
        Map<String, String> pgbouncer =
                ini(mountedFile("pgbouncer", "/etc/pgbouncer/pgbouncer.ini")).get("pgbouncer");
        // each worker's pools as its container resolves them: the ingest pool with the ingest role, the reads' with
        // the read-api role (docs/operations.md, "Connections")
        int connections = 0;
        for (String worker : WORKER_ROLES.keySet()) {
            StandardEnvironment environment = WorkerSettingsEnvironment.of(environment(worker));
            String roles = environment.getProperty("grizz.roles", "");
            if (roles.contains("ingest")) {
                connections +=
                        environment.getRequiredProperty("spring.datasource.hikari.maximum-pool-size", Integer.class);
            }
            if (roles.contains("read-api")) {
                // the record's default when the container does not set READ_API_POOL_SIZE: bound as the worker binds it
                connections += Binder.get(environment)
                        .bindOrCreate("grizz.read-api", ReadApiProperties.class)
                        .poolSize();
            }
        }
        int serverConnections = Integer.parseInt(pgbouncer.get("default_pool_size"))
                + Integer.parseInt(pgbouncer.get("reserve_pool_size"));
        assertThat(connections).isPositive().isLessThanOrEqualTo(serverConnections);
    }

    @Test
    void theIngestWorkerReachesKafkaOnTheListenerTheBrokerAdvertisesToContainers() {
        Map<String, String> kafka = environment("kafka");
        String bootstrap = environment("ingest").get("KAFKA_BOOTSTRAP_SERVERS");
        Map<String, String> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(advertised).containsValue(bootstrap);
        String listener = advertised.entrySet().stream()
                .filter(e -> e.getValue().equals(bootstrap))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        String port = bootstrap.substring(bootstrap.indexOf(':') + 1);
        assertThat(listeners(kafka.get("KAFKA_LISTENERS")).get(listener)).isEqualTo(":" + port);
        assertThat(bootstrap).startsWith("kafka:");

        List<String> init = strings(map(services.get("kafka-init")).get("command"));
        assertThat(init.get(init.indexOf("--bootstrap-server") + 1)).isEqualTo(bootstrap);
        assertThat(init.get(init.indexOf("--topic") + 1))
                .isEqualTo(environment("ingest").get("GRIZZ_TOPIC"));
    }

    @Test
    void everyDependencyIsAServiceAndWaitsForWhatItNeeds() {
        services.forEach((name, service) -> dependencies(name).forEach((dependency, condition) -> {
            assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
            if ("service_healthy".equals(condition)) {
                assertThat(map(services.get(dependency)))
                        .as(dependency + " has a healthcheck")
                        .containsKey("healthcheck");
            }
        }));
        assertThat(dependencies("ingest"))
                .containsEntry("kafka-init", "service_completed_successfully")
                .containsEntry("pgbouncer", "service_healthy");
        assertThat(dependencies("read-api")).containsEntry("pgbouncer", "service_healthy");
        assertThat(dependencies("kafka-init")).containsEntry("kafka", "service_healthy");
        assertThat(dependencies("pgbouncer")).containsEntry("postgres", "service_healthy");
        assertThat(dependencies("prometheus")).containsKeys("ingest", "read-api");
        assertThat(dependencies("grafana")).containsKey("prometheus");
    }

    @Test
    void publishedHostPortsAreDistinctAndEachWorkerPublishesItsServerPort() {
        Map<String, String> hostPorts = new HashMap<>();
        services.forEach((name, service) -> strings(map(service).getOrDefault("ports", List.of()))
                .forEach(mapping -> {
                    String host = mapping.substring(0, mapping.indexOf(':'));
                    assertThat(hostPorts.put(host, name))
                            .as("host port " + host + " of " + name)
                            .isNull();
                }));
        for (String worker : WORKER_ROLES.keySet()) {
            String serverPort = environment(worker).get("SERVER_PORT");
            assertThat(containerPorts(worker)).as(worker).contains(serverPort);
        }
    }

    @Test
    void prometheusScrapesEveryWorkerOnItsServerPortAtTheActuatorEndpoint() {
        Map<String, Object> config = yaml(mountedFile("prometheus", "/etc/prometheus/prometheus.yml"));
        Map<String, String> targets = new TreeMap<>();
        for (Object job : (List<?>) config.get("scrape_configs")) {
            assertThat(map(job).get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object staticConfig : (List<?>) map(job).get("static_configs")) {
                strings(map(staticConfig).get("targets"))
                        .forEach(t -> targets.put(t, (String) map(job).get("job_name")));
            }
        }
        Set<String> expected = new TreeSet<>();
        WORKER_ROLES
                .keySet()
                .forEach(worker ->
                        expected.add(worker + ":" + environment(worker).get("SERVER_PORT")));
        assertThat(targets.keySet()).isEqualTo(expected);
    }

    @Test
    void prometheusLoadsTheAlertRulesOfTheRepository() {
        Path config = mountedFile("prometheus", "/etc/prometheus/prometheus.yml");
        List<String> ruleFiles = strings(yaml(config).get("rule_files"));
        assertThat(ruleFiles).isNotEmpty();
        for (String ruleFile : ruleFiles) {
            // relative to the configuration file, as Prometheus resolves it
            assertThat(mountedFile("prometheus", "/etc/prometheus/" + ruleFile))
                    .isEqualTo(PrometheusRulesTest.RULES.toAbsolutePath().normalize());
        }
    }

    @Test
    void grafanaIsProvisionedWithThisPrometheusAndTheDashboardOfTheRepository() {
        Map<String, Object> datasources = yaml(mountedFile("grafana", "/etc/grafana/provisioning")
                .resolve("datasources")
                .resolve("prometheus.yml"));
        Map<String, Object> datasource = map(((List<?>) datasources.get("datasources")).get(0));
        assertThat(datasource.get("url"))
                .isEqualTo("http://prometheus:" + containerPorts("prometheus").get(0));

        Map<String, Object> providers = yaml(mountedFile("grafana", "/etc/grafana/provisioning")
                .resolve("dashboards")
                .resolve("grizz.yml"));
        String dashboardsPath =
                (String) map(map(((List<?>) providers.get("providers")).get(0)).get("options"))
                        .get("path");
        Path dashboards = mountedFile("grafana", dashboardsPath);
        assertThat(dashboards.resolve("grizz-worker.json"))
                .isRegularFile()
                .isEqualTo(GrafanaDashboardIT.DASHBOARD.toAbsolutePath().normalize());
        String home = environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(mountedFile("grafana", home)).isRegularFile();
    }

    @Test
    void theImageRunsTheWorkerJarAsANonRootUser() {
        List<String> lines = read(REPOSITORY.resolve("Dockerfile"))
                .lines()
                .map(String::strip)
                .toList();
        List<String> runStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());
        assertThat(runStage)
                .anyMatch(line ->
                        line.startsWith("COPY --from=build") && line.contains("/src/worker/target/grizz-worker.jar"));
        String user = runStage.stream()
                .filter(line -> line.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring("USER ".length())
                .strip();
        assertThat(user).isNotIn("root", "0");
        assertThat(runStage).anyMatch(line -> line.startsWith("ENTRYPOINT") && line.contains("\"-jar\""));
        assertThat(lines).anyMatch(line -> line.startsWith("RUN") && line.contains("./mvnw"));
    }

    /**
     * What the worker's start-up check (docs/contract.md §6) says about this environment, read through application.yml.
     */
    private static List<String> startUpProblems(Map<String, String> env) {
        try {
            new RequiredSettings()
                    .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                            new DefaultBootstrapContext(),
                            new SpringApplication(),
                            new String[0],
                            WorkerSettingsEnvironment.of(env)));
            return List.of();
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
    }

    /** A service's environment as the container sees it: values as text, {@code ${...}} interpolated. */
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(map(services.get(service)).getOrDefault("environment", Map.of()))
                .forEach((name, value) -> env.put(name, interpolate(String.valueOf(value))));
        return env;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

    /** Compose's {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:?error}}, from {@link #USER_SHELL}. */
    private static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String supplied = USER_SHELL.get(matcher.group(1));
            String operator = matcher.group(2) == null ? "" : matcher.group(2);
            if (supplied == null && operator.endsWith("?")) {
                fail("docker compose would stop: " + matcher.group(3));
            }
            String replacement = supplied != null ? supplied : operator.endsWith("-") ? matcher.group(3) : "";
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString();
    }

    private static Map<String, String> dependencies(String service) {
        Object dependsOn = map(services.get(service)).get("depends_on");
        Map<String, String> dependencies = new TreeMap<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(name -> dependencies.put((String) name, "service_started"));
        } else if (dependsOn != null) {
            map(dependsOn)
                    .forEach((name, options) ->
                            dependencies.put(name, (String) map(options).get("condition")));
        }
        return dependencies;
    }

    private static List<String> containerPorts(String service) {
        return strings(map(services.get(service)).get("ports")).stream()
                .map(mapping -> mapping.substring(mapping.lastIndexOf(':') + 1))
                .toList();
    }

    /** The file (or folder) of this repository that a service sees at {@code containerPath}, through its volumes. */
    private static Path mountedFile(String service, String containerPath) {
        for (String volume : strings(map(services.get(service)).get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") && containerPath.startsWith(parts[1])) {
                Path path = COMPOSE.resolve(parts[0])
                        .resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""))
                        .normalize();
                assertThat(path).as(service + " " + containerPath).exists();
                return path;
            }
        }
        return fail(service + " mounts nothing at " + containerPath);
    }

    /** {@code NAME://host:port,...} as name → host:port. */
    private static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            String[] parts = listener.split("://");
            listeners.put(parts[0], parts[1]);
        }
        return listeners;
    }

    private static Map<String, Map<String, String>> ini(Path file) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (String line : read(file).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = sections.computeIfAbsent(line.substring(1, line.indexOf(']')), s -> new LinkedHashMap<>());
            } else {
                int equals = line.indexOf('=');
                section.put(
                        line.substring(0, equals).strip(),
                        line.substring(equals + 1).strip());
            }
        }
        return sections;
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return fail("no line starts with " + prefix);
    }

    private static Map<String, Object> yaml(Path file) {
        return new Yaml().load(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
