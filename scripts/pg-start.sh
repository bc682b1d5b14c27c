#!/usr/bin/env bash
# Installs (if missing) and starts a local PostgreSQL 15 cluster, then makes sure the test role and
# database exist. Idempotent: a second run only checks. Needs root (it is what .ci/run runs as).
# Tests reach it as postgresql://assay:assay@127.0.0.1:5432/assay_test (override with ASSAY_TEST_PG_URL).
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432
ROLE=assay
PASSWORD=assay
DATABASES=(assay_test assay_bench)

log() { echo "pg-start: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "pg-start: must run as root (it installs packages and starts the cluster)" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]; then
  log "installing postgresql-$PG_VERSION from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "postgresql-$PG_VERSION" postgresql-client >/dev/null
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
  log "creating cluster $PG_VERSION/$PG_CLUSTER"
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
fi

status=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}')
if [ "$status" != "online" ]; then
  log "starting cluster $PG_VERSION/$PG_CLUSTER"
  # --skip-systemctl-redirect: there is no systemd here; start the cluster directly.
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start
fi

for _ in $(seq 1 50); do
  if su postgres -c "pg_isready -q -p $PG_PORT"; then break; fi
  sleep 0.2
done
su postgres -c "pg_isready -q -p $PG_PORT" || { echo "pg-start: PostgreSQL did not become ready" >&2; exit 1; }

psql_admin() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qAt $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"")" != "1" ]; then
  log "creating role $ROLE"
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB\""
fi
for db in "${DATABASES[@]}"; do
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$db'\"")" != "1" ]; then
    log "creating database $db"
    psql_admin "-c \"CREATE DATABASE $db OWNER $ROLE\""
  fi
done
log "PostgreSQL $PG_VERSION ready on 127.0.0.1:$PG_PORT (role $ROLE, databases ${DATABASES[*]})"
