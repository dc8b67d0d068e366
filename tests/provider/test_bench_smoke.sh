#!/usr/bin/env bash
# Smoke run of bench/tls_bench.sh: it runs, every group handshakes and transfers, and it
# prints ratios. No timing is checked.
. "$(dirname "$0")/lib.sh"
need openssl
: "${PQS_TLS_BENCH:?set by CTest}"
check_provider_loads
PQS_BENCH_SECONDS=2 PQS_BENCH_MIB=1 bash "$PQS_SOURCE_DIR/bench/tls_bench.sh" "$PQS_BIN" >"$WORK/bench.txt" 2>&1 ||
    { cat "$WORK/bench.txt"; fail "bench/tls_bench.sh failed"; }
cat "$WORK/bench.txt"
for g in X25519 X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024; do
    grep -Eq "^$g +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$" "$WORK/bench.txt" || fail "no result row for $g"
done
