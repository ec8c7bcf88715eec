#!/bin/sh
# Runs once, when the PostgreSQL volume is empty (the official image's /docker-entrypoint-initdb.d). The image's
# POSTGRES_USER is a superuser: it only prepares. The server connects as consentflow, a role that owns its
# database and nothing more (no superuser, no databases, no roles), so nothing it runs can read the database
# host's files or start programs there.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v password="$CONSENTFLOW_DB_PASSWORD" <<'SQL'
create role consentflow login nosuperuser nocreatedb nocreaterole password :'password';
create database consentflow owner consentflow;
SQL
