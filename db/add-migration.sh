#!/usr/bin/env bash
# Adds a migration with one name to every provider, then regenerates the SQL scripts in db/<provider>/.
#   db/add-migration.sh AddRiskScores
# The scripts are written by the test that checks them (MigrationTests), so what is committed is exactly
# what CI compares against.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: db/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build src/Phm.Data -v quiet -nologo
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --no-build \
    --project src/Phm.Data --context "${provider}PhmDbContext" --output-dir "$provider/Migrations"
done
PHM_WRITE_DB_SCRIPTS=1 dotnet test tests/Phm.Data.Tests --filter "FullyQualifiedName~Phm.Data.Tests.Migrations." -nologo
