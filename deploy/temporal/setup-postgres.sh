#!/bin/sh
# One-shot (the `temporal-schema` service, temporalio/admin-tools image): creates Temporal's two databases on the
# stack's PostgreSQL and brings their schemas to the version this admin-tools release ships. Every step is a no-op
# once done, so it runs on every `docker compose up`; after an upgrade of the Temporal images it migrates the schema
# before the new server starts. Connection settings come from SQL_PLUGIN / SQL_HOST / SQL_PORT / SQL_USER /
# SQL_PASSWORD (temporal-sql-tool reads them itself).
set -eu

: "${SQL_HOST:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

setup() {
    database=$1
    versions=$2
    echo "Temporal schema: database ${database}"
    temporal-sql-tool --db "${database}" create
    temporal-sql-tool --db "${database}" setup-schema -v 0.0
    temporal-sql-tool --db "${database}" update-schema -d "${SCHEMA_DIR}/${versions}/versioned"
}

setup temporal temporal
setup temporal_visibility visibility
echo "Temporal schema: up to date"
