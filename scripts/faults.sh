#!/usr/bin/env bash
# The long fault suite: four validators and a full node as separate
# processes on loopback, a steady load of signed transfers over every node,
# and three rounds of each fault (kill -9 a validator mid-load; kill -9 the
# full node during state sync; kill -9 every node at once), each followed by
# the checks of docs/faults.md.
#
# Usage: scripts/faults.sh [extra go test flags, e.g. -count=2]
# Takes about 15 minutes on 2 cores. The short form runs in `go test ./...`.
set -euo pipefail
cd "$(dirname "$0")/.."
TAONET_FAULT_LONG=1 exec go test ./internal/faultsuite -run 'TestFaults$' -v -timeout 60m "$@"
