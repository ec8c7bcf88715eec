# Build: ./mvnw -B package -DskipTests && docker build -t consentflow .
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/consentflow consentflow && mkdir -p /var/lib/consentflow \
    && chown consentflow /var/lib/consentflow
USER consentflow
WORKDIR /var/lib/consentflow
COPY target/consentflow-*.jar /opt/consentflow/consentflow.jar
COPY jvm.options /opt/consentflow/jvm.options
ENV CONSENTFLOW_DATA_DIR=/var/lib/consentflow
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD wget -qO- http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "@/opt/consentflow/jvm.options", "-XX:MaxRAMPercentage=70", "-jar", "/opt/consentflow/consentflow.jar"]
