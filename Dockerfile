# syntax=docker/dockerfile:1
# Build: ./mvnw -B package -DskipTests && docker build -t consentflow .
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/consentflow consentflow && mkdir -p /var/lib/consentflow /opt/consentflow \
    && chown consentflow /var/lib/consentflow /opt/consentflow
USER consentflow
WORKDIR /var/lib/consentflow
COPY jvm.options docker/extract-with-cds.sh /opt/consentflow/
# The jar unpacked, with a class data sharing archive trained by one start on an embedded PostgreSQL (README,
# "Faster start-up"); without the archive (a failed training run) the server starts all the same, only slower.
# The embedded PostgreSQL's binaries stay unpacked in /tmp/embedded-pg, so a container does not unpack them again.
RUN --mount=type=bind,source=target,target=/mnt/target \
    /opt/consentflow/extract-with-cds.sh "$(ls /mnt/target/consentflow-*.jar | grep -v -- -plain | head -1)" \
        /opt/consentflow/app /opt/consentflow/jvm.options
ENV CONSENTFLOW_DATA_DIR=/var/lib/consentflow
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD wget -qO- http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "@/opt/consentflow/jvm.options", "-XX:MaxRAMPercentage=70", \
    "-XX:SharedArchiveFile=/opt/consentflow/app/consentflow.jsa", "-jar", "/opt/consentflow/app/consentflow.jar"]
