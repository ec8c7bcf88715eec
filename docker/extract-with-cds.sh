#!/usr/bin/env bash
# Unpacks the server jar into DEST (DEST/consentflow.jar and DEST/lib/) and trains a class data sharing archive
# for it, DEST/consentflow.jsa (Java 17 AppCDS). Started as
#   java @jvm.options -XX:SharedArchiveFile=DEST/consentflow.jsa -jar DEST/consentflow.jar
# the JVM maps the about 19,000 classes the start-up loads from the archive instead of reading, parsing and
# verifying each from the jars (README, "Faster start-up"). Used by the Dockerfile and bench/run.
#
# The training run is one whole start of the server on an embedded PostgreSQL in a temporary data directory, on a
# free port, until its health endpoint answers UP (dev.consentflow.ClassDataTraining: the schema, the engine, every
# bean, Tomcat serving requests through the filter chains and the actuator, the ready listeners, the job executor);
# it then closes the context and halts, and the JVM writes the archive. (Ending at the context's refresh, as it did
# before, left out the about 1,700 classes a start loads from Tomcat's start to health UP, which every start then
# read from the jars.) A training run that fails leaves no archive and this script
# still succeeds: the server starts without the archive, only slower. An archive made for other jars (the jar
# was rebuilt, the JDK changed, DEST was moved: the archive names the jars by absolute path) is refused by the JVM
# with a warning, and the server starts without it too.
#
# usage: extract-with-cds.sh JAR DEST [JVM_OPTIONS_FILE]
set -euo pipefail

jar=$(realpath "$1")
dest=$(realpath -m "$2")
options=$(realpath "${3:-$(dirname "$0")/../jvm.options}")
java=${JAVA:-java}

rm -rf "$dest"
mkdir -p "$dest"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dest" --application-filename consentflow.jar --force

data=$(mktemp -d "${TMPDIR:-/tmp}/consentflow-cds.XXXXXX")
# The training run closes its context (which stops its embedded PostgreSQL) and halts; should it fail on its way,
# its embedded PostgreSQL may still run: stop it (it is ours: it runs on our temporary data directory), then remove
# the directory.
stop_postgres() {
  local pm i
  pm=$(head -1 "$data/data/postgres/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pm" ] && tr '\0' ' ' <"/proc/$pm/cmdline" 2>/dev/null | grep -qF "$data/data/postgres"; then
    kill -INT "$pm" 2>/dev/null || true
    for i in $(seq 1 300); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$data"
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
echo "extract-with-cds: training the class data sharing archive (one start of the server; its log, kept only if it fails: $dest/cds-training.log)" >&2
if (cd "$data" && env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
      -u SPRING_MAIL_HOST CONSENTFLOW_DATA_DIR="$data/data" SERVER_PORT=0 \
      CONSENTFLOW_DEV_SMTP_PORT=0 CONSENTFLOW_DEV_IMAP_PORT=0 \
      "$java" @"$options" -XX:ArchiveClassesAtExit="$dest/consentflow.jsa" \
      -cp "$dest/consentflow.jar" dev.consentflow.ClassDataTraining) >"$dest/cds-training.log" 2>&1 && [ -s "$dest/consentflow.jsa" ]; then
  # The training start printed the keys and password it generated for its throwaway database (deleted above):
  # useless, but they would alarm whoever reads the image, so a successful run's log is not kept.
  rm -f "$dest/cds-training.log"
  echo "extract-with-cds: $dest/consentflow.jsa written" >&2
else
  rm -f "$dest/consentflow.jsa"
  echo "extract-with-cds: the training run failed (see $dest/cds-training.log); the server starts without the archive" >&2
fi
