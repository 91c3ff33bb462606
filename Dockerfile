# syntax=docker/dockerfile:1
# The worker image: built from source with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t grizz-worker .          (or: docker compose -f compose/docker-compose.yml build)
#   docker run grizz-worker                  (ingest and/or read-api, per GRIZZ_ROLES)
#   docker run grizz-worker redrive --dry-run

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY contracts/ contracts/
COPY compose/ compose/
COPY worker/ worker/
COPY load/ load/
# the Maven repository is a cache mount: a rebuild after a code change downloads nothing
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl worker -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin grizz
WORKDIR /app
COPY --from=build /src/worker/target/grizz-worker.jar /app/grizz-worker.jar
USER 10001
EXPOSE 8080
# the JVM sizes its heap from the container's memory limit; 75 % leaves room for metaspace and buffers
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/grizz-worker.jar"]
