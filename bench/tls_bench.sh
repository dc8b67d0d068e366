#!/usr/bin/env bash
# TLS 1.3 with the pqsafe provider on Debian's OpenSSL 3.0: full handshakes per second
# and bulk throughput, X25519MLKEM768 against X25519 alone (and the other hybrids), on the
# same server (Debian's openssl s_server -WWW), the same P-256 certificate and in the same
# run, printed as ratios to X25519. The client is bench/tls_bench.c (Debian's libssl).
#
#   bench/tls_bench.sh [BUILD_DIR]          (default: build/)
#   PQS_BENCH_SECONDS=20  total measuring time      PQS_BENCH_MIB=64  size of the file
#   PQS_BENCH_GROUPS="X25519 X25519MLKEM768 SecP256r1MLKEM768"  groups, ratios to the first
#
# Both processes share the machine's cores, as a client and server on one host do.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
secs=${PQS_BENCH_SECONDS:-20}
mib=${PQS_BENCH_MIB:-64}
groups=${PQS_BENCH_GROUPS:-X25519 X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024}
export OPENSSL_MODULES=${PQS_PROVIDER_DIR:-$build/providers}
export OPENSSL_CONF=${PQS_CNF:-$here/docs/openssl-pqsafe.cnf}
client=${PQS_TLS_BENCH:-$build/tests/provider/tls_bench}
[ -f "$OPENSSL_MODULES/pqsafe.so" ] || { echo "tls_bench: no pqsafe.so in $OPENSSL_MODULES (build first)" >&2; exit 2; }
[ -x "$client" ] || { echo "tls_bench: no client at $client (build the tls_bench target)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "tls_bench: openssl missing: run scripts/setup.sh" >&2; exit 2; }
preload=()
[ -z "${PQS_PRELOAD:-}" ] || preload=(LD_PRELOAD="$PQS_PRELOAD" ASAN_OPTIONS=detect_leaks=0)

work=$(mktemp -d /tmp/pqs-tls-bench.XXXXXX)
server=
cleanup() {
    [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/www"
env "${preload[@]}" openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$work/key.pem" -out "$work/cert.pem" -subj /CN=localhost -days 2 2>/dev/null
head -c $((mib << 20)) /dev/urandom >"$work/www/model.bin"

. "$(dirname "${BASH_SOURCE[0]}")/../scripts/free_port.sh"
port=$(pqs_free_port) || { echo "tls_bench: no free port" >&2; exit 1; }
(cd "$work/www" && exec env "${preload[@]}" openssl s_server -accept "127.0.0.1:$port" -WWW -quiet \
    -cert "$work/cert.pem" -key "$work/key.pem" -tls1_3 -groups "$(echo $groups | tr ' ' ':')" \
    </dev/null >"$work/server.log" 2>&1) &
server=$!
for i in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

echo "TLS 1.3 on Debian OpenSSL $(openssl version | cut -d' ' -f2) + pqsafe provider, s_server -WWW," \
     "P-256 certificate, ${mib} MiB file, ${secs} s, $(nproc) cores"
# shellcheck disable=SC2086
"$client" "$port" "$secs" /model.bin $groups
