#!/usr/bin/env bash
# The data directory read-only, or its disk full, at start: the hub and `phm build` must stop with one line that names the
# path and the reason, a non-zero exit code and no stack trace. Root ignores file permissions, so both faults are real file
# systems: a read-only tmpfs and a 256 KB tmpfs filled to the last block. Needs root and mount (a container may refuse it;
# tests/Phm.Cli.Tests/UnwritableDataDirectoryTests covers the portable case, a data directory that is a file, in CI).
#   bash bench/faults/unwritable-data-directory.sh
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

nice -n 10 dotnet build src/Phm.Api -v q -nologo 2>&1 | grep -E " error |rror\(s\)" | grep -v " 0 Error" && exit 1
nice -n 10 dotnet build src/Phm.Cli -v q -nologo 2>&1 | grep -E " error |rror\(s\)" | grep -v " 0 Error" && exit 1
hub=src/Phm.Api/bin/Debug/net10.0/Phm.Api.dll
phm=src/Phm.Cli/bin/Debug/net10.0/phm.dll

root=$(mktemp -d /tmp/phm-faults-unwritable-XXXXXX)
cleanup() {
  umount "$root/read-only" "$root/full" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT
mkdir -p "$root/read-only" "$root/full"
mount -t tmpfs -o size=1m,ro tmpfs "$root/read-only" || { echo "mount refused (needs root and CAP_SYS_ADMIN)"; echo "0 passed, 1 failed"; exit 1; }
mount -t tmpfs -o size=256k tmpfs "$root/full"
mkdir "$root/full/data"
dd if=/dev/zero of="$root/full/filler" bs=4k 2>/dev/null

passed=0 failed=0
# check NAME DIRECTORY REASON COMMAND...: exit code non-zero, stderr names DIRECTORY and REASON, no stack frame anywhere.
check() {
  local name=$1 directory=$2 reason=$3
  shift 3
  local out err code
  out=$(mktemp) err=$(mktemp)
  timeout 120 "$@" >"$out" 2>"$err"
  code=$?
  local line
  line=$(grep -F "Cannot write $directory" "$err")
  if [ "$code" -ne 0 ] && [ "$code" -ne 124 ] && grep -qF "$reason" <<<"$line" && ! grep -q '^ *at ' "$out" "$err"; then
    echo "PASS $name (exit $code): $line"
    passed=$((passed + 1))
  else
    echo "FAIL $name (exit $code)"
    sed 's/^/  | /' "$err" "$out" | head -20
    failed=$((failed + 1))
  fi
  rm -f "$out" "$err"
}

check "hub, data directory on a read-only file system" "$root/read-only/data" "Read-only file system" \
  dotnet "$hub" --Phm:DataDirectory="$root/read-only/data" --urls=http://127.0.0.1:5180
check "hub, data directory on a full disk" "$root/full/data" "No space left on device" \
  dotnet "$hub" --Phm:DataDirectory="$root/full/data" --urls=http://127.0.0.1:5181
check "phm build, data directory on a read-only file system" "$root/read-only/data" "Read-only file system" \
  dotnet "$phm" build --data-directory "$root/read-only/data"
check "phm build, data directory on a full disk" "$root/full/data" "No space left on device" \
  dotnet "$phm" build --data-directory "$root/full/data"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
