# The worker image: built from source with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t grizz-worker .          (or: docker compose -f compose/docker-compose.yml build)
#   docker run grizz-worker                  (ingest and/or read-api, per GRIZZ_ROLES)
#   docker run grizz-worker redrive --dry-run
# The base images are build arguments, so the image builds without a registry too: CI's Docker stage
# (.ci/docker-stage) passes JDK images it made from Debian's archive. No `# syntax=` line: BuildKit would fetch
# that frontend from a registry; the built-in one knows cache mounts.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
# the Maven wrapper downloads Maven with curl or wget and unpacks it with unzip
RUN if ! command -v unzip >/dev/null || ! { command -v curl || command -v wget; } >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY contracts/ contracts/
COPY compose/ compose/
COPY worker/ worker/
COPY load/ load/
# the Maven repository is a cache mount: a rebuild after a code change downloads nothing
# the format and line-length checks are CI's (./mvnw verify); an image build only packages the jar
# the start-up archive is made below, by the runtime image's own JVM (an archive holds to the JVM that wrote it)
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl worker -am -DskipTests -Dspotless.check.skip=true \
    -Dcheckstyle.skip=true -Dstartup-archive.skip=true package

FROM ${RUNTIME_IMAGE}
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin grizz
WORKDIR /app
# the start-up archive, as worker/pom.xml makes it (docs/operations.md, "Start-up"): the jar extracted, then one
# training run that builds every bean and exits, its classes archived for every later start to map
COPY --from=build /src/worker/target/grizz-worker.jar /tmp/grizz-worker.jar
RUN java -Djarmode=tools -jar /tmp/grizz-worker.jar extract --destination /app && rm /tmp/grizz-worker.jar \
    && java -XX:ArchiveClassesAtExit=/app/grizz-worker.jsa -Dspring.context.exit=onRefresh \
       -Dspring.profiles.active=training-run -jar /app/grizz-worker.jar > /tmp/training-run.log 2>&1 \
    || { tail -40 /tmp/training-run.log; exit 1; }
USER 10001
EXPOSE 8080
# the JVM sizes its heap from the container's memory limit; 75 % leaves room for metaspace and buffers
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/grizz-worker.jsa", "-jar", \
            "/app/grizz-worker.jar"]
