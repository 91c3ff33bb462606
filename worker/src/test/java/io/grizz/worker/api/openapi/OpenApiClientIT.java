package io.grizz.worker.api.openapi;

import static io.grizz.worker.support.ReadApiFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.worker.support.ApiClient.Response;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.Executables;
import io.grizz.worker.support.ReadApiFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document as tools outside the JVM read it, with the npm packages pinned in
 * {@code src/test/resources/openapi-client/package.json} (and its lock), installed by {@code npm ci} into
 * {@code target/openapi-client}, never into the source tree:
 * <ul>
 * <li>Redocly's linter ({@code redocly.yaml} there: the recommended rules and a few more) finds no error and no
 *     warning;</li>
 * <li>openapi-typescript generates types from it, {@code tsc --strict} compiles {@code client.ts} with them, and
 *     the compiled client reads a message and a conversation's messages of a real read API through
 *     openapi-fetch.</li>
 * </ul>
 * Needs Node.js 18.17 or later (Debian bookworm's 18 will do) with npm, and the npm registry; skips where
 * {@code npx} is missing, which CI never is ({@code .ci/run} installs Debian's {@code nodejs} and {@code npm}).
 */
class OpenApiClientIT {

    private static final Path WORK = Path.of("target", "openapi-client").toAbsolutePath();
    private static final Path DOCUMENT = WORK.resolve("api-docs.json");
    /** The package-lock.json that node_modules was installed from. */
    private static final Path INSTALLED = WORK.resolve("installed-package-lock.json");

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID FIRST = UUID.randomUUID();
    private static final UUID SECOND = UUID.randomUUID();

    private static ReadApiFixture fixture;

    @BeforeAll
    static void installTheToolsAndFetchTheDocument() throws IOException {
        assumeTrue(
                Executables.onPath("npx").isPresent()
                        && Executables.onPath("node").isPresent(),
                "needs Node.js and npm (npx on the PATH): apt-get install -y nodejs npm");
        copyTheClientProject();
        installThePinnedPackages();
        fixture = ReadApiFixture.shared();
        Response document = fixture.api().get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        Files.writeString(DOCUMENT, document.body());
    }

    @Test
    void redoclyFindsNoErrorAndNoWarning() {
        String output = run(
                "lint",
                List.of(
                        "npx",
                        "--yes",
                        "--",
                        "@redocly/cli@" + pinnedVersion("@redocly/cli"),
                        "lint",
                        DOCUMENT.toString(),
                        "--config",
                        WORK.resolve("redocly.yaml").toString(),
                        "--format=stylish"));
        // the report proper: a notice about the runtime may come before it
        String report = output.substring(Math.max(0, output.indexOf("validating ")));
        assertThat(report).as(output).contains("Your API description is valid");
        assertThat(report.toLowerCase(Locale.ROOT))
                .as(output)
                .doesNotContain("warning")
                .doesNotContain("error");
    }

    @Test
    void aGeneratedClientCompilesAndReadsTwoEndpoints() throws IOException {
        fixture.sendAndAwait(
                Events.created(CONVERSATION, OWNER, FIRST, 1, "hello", "{\"n\":1.5,\"tags\":[\"a\"]}"),
                Events.created(CONVERSATION, OWNER, SECOND, 1, "again"));
        Files.createDirectories(WORK.resolve("generated"));
        run(
                "generate",
                List.of(
                        "npx",
                        "--no",
                        "--",
                        "openapi-typescript",
                        DOCUMENT.toString(),
                        "--output",
                        WORK.resolve("generated/api.ts").toString()));
        run(
                "tsc",
                List.of(
                        "npx",
                        "--no",
                        "--",
                        "tsc",
                        "--project",
                        WORK.resolve("tsconfig.json").toString()));

        int port =
                ((WebServerApplicationContext) fixture.readApi()).getWebServer().getPort();
        String output = run(
                "client",
                List.of(
                        "node",
                        WORK.resolve("build/client.js").toString(),
                        "http://127.0.0.1:" + port,
                        userToken(OWNER),
                        CONVERSATION.toString(),
                        FIRST.toString()));
        JsonNode printed =
                JSON.readTree(output.lines().reduce((first, last) -> last).orElseThrow());

        JsonNode message = printed.get("message");
        assertThat(message.get("status").asInt()).as(output).isEqualTo(200);
        assertThat(message.get("id").asString()).isEqualTo(FIRST.toString());
        assertThat(message.get("conversation_id").asString()).isEqualTo(CONVERSATION.toString());
        assertThat(message.get("metadata_keys").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("n", "tags");
        JsonNode page = printed.get("page");
        assertThat(page.get("status").asInt()).as(output).isEqualTo(200);
        assertThat(page.get("ids").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(FIRST.toString(), SECOND.toString());
        assertThat(page.get("next_cursor").isNull()).isTrue();
        JsonNode badRequest = printed.get("bad_request");
        assertThat(badRequest.get("status").asInt()).as(output).isEqualTo(400);
        assertThat(badRequest.get("problem_status").asInt()).isEqualTo(400);
    }

    /** src/test/resources/openapi-client, as the build copied it, into target/openapi-client. */
    private static void copyTheClientProject() throws IOException {
        Path source;
        try {
            source = Path.of(Objects.requireNonNull(OpenApiClientIT.class.getResource("/openapi-client/package.json"))
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * {@code npm ci}: exactly the lock's packages. Skipped when the last run of this test installed the same lock
     * ({@link #INSTALLED}, written only once {@code npm ci} succeeded), as after a {@code verify} without
     * {@code clean}.
     */
    private static void installThePinnedPackages() throws IOException {
        String lock = Files.readString(WORK.resolve("package-lock.json"));
        if (Files.isDirectory(WORK.resolve("node_modules"))
                && Files.exists(INSTALLED)
                && Files.readString(INSTALLED).equals(lock)) {
            return;
        }
        Files.deleteIfExists(INSTALLED);
        run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        Files.writeString(INSTALLED, lock);
    }

    private static String pinnedVersion(String dependency) {
        try {
            return JSON.readTree(WORK.resolve("package.json").toFile())
                    .get("devDependencies")
                    .get(dependency)
                    .asString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("package.json pins no " + dependency, e);
        }
    }

    /**
     * Runs a command in target/openapi-client, its output (stderr too) in {@code <name>.log} there; the output
     * when it exits 0 in time, else a failure that shows it.
     */
    private static String run(String name, List<String> command) {
        Path log = WORK.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("REDOCLY_TELEMETRY", "off");
        env.put("REDOCLY_SUPPRESS_NOTIFICATIONS", "true");
        env.put("NO_COLOR", "1");
        try {
            Process process = builder.start();
            boolean exited = process.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            assertThat(exited)
                    .as("%s finished within %s:%n%s", command, NPM_TIMEOUT, output)
                    .isTrue();
            assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
