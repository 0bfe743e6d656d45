#!/usr/bin/env bash
# Starts Debian's PostgreSQL (installing it if missing) and creates a role and database for the tests.
# Prints the tests' connection string on stdout (everything else goes to stderr):
#   export PHM_TEST_POSTGRES="$(.ci/pg-setup.sh)"
# The password is throwaway: the cluster listens on loopback only and lives for the CI run.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 }')
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $2 }')
if ! pg_lsclusters --no-header | awk 'NR == 1 { exit $4 == "online" ? 0 : 1 }'; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi

password=phm-ci-only
# The tests create one database per test from this role, so it needs CREATEDB, and drop it again.
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'phm') THEN
    CREATE ROLE phm LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
-- Dropping a test database ends the sessions on it, autovacuum's among them (it analyses a freshly loaded store).
GRANT pg_signal_backend TO phm;
SQL
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'phm_test'\"" | grep -q 1; then
  su postgres -c "createdb -O phm phm_test" >&2
fi

echo "pg-setup: PostgreSQL $version/$cluster ready for role phm, database phm_test" >&2
echo "Host=127.0.0.1;Username=phm;Password=$password;Database=phm_test"
