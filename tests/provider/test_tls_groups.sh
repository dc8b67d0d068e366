#!/usr/bin/env bash
# Debian's `openssl s_server` and `openssl s_client` (OpenSSL 3.0, no ML-KEM of its own)
# with the pqsafe provider on both ends, by configuration alone, for every group: the
# handshake completes, HTTP data crosses, and the ServerHello's key_share names the group
# (its IANA codepoint, from -trace) on both sides. Then a HelloRetryRequest to the hybrid
# and a fallback to X25519 for a server without it.
. "$(dirname "$0")/lib.sh"
need openssl
check_provider_loads
make_cert

# `openssl list` shows the provider's KEMs and key managers.
ossl openssl list -kem-algorithms -provider pqsafe >"$WORK/kems.txt" 2>&1 || fail "openssl list -kem-algorithms"
ossl openssl list -key-managers >"$WORK/keymgmt.txt" 2>&1 || fail "openssl list -key-managers"
for alg in ML-KEM-512 ML-KEM-768 ML-KEM-1024 X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024; do
    grep -q "$alg.*@ pqsafe" "$WORK/kems.txt" || { cat "$WORK/kems.txt"; fail "KEM $alg not listed"; }
    grep -q "$alg.*@ pqsafe" "$WORK/keymgmt.txt" || fail "key manager $alg not listed"
done

# handshake SERVER_GROUPS CLIENT_GROUPS EXPECTED_GROUP
handshake() {
    local sg=$1 cg=$2 want=$3 port code got_s got_c
    port=$(free_port)
    code=$(group_code "$want")
    start_bg "$WORK/s.log" ossl openssl s_server -accept "127.0.0.1:$port" -cert "$WORK/cert.pem" \
        -key "$WORK/key.pem" -groups "$sg" -tls1_3 -www -trace
    local spid=$LAST_PID
    wait_port "$port"
    printf 'GET / HTTP/1.0\r\n\r\n' |
        ossl timeout 20 openssl s_client -connect "127.0.0.1:$port" -servername localhost \
            -groups "$cg" -tls1_3 -trace -ign_eof >"$WORK/c.log" 2>&1 ||
        { tail -30 "$WORK/c.log"; tail -30 "$WORK/s.log"; fail "s_client failed ($cg -> $sg)"; }
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    grep -q "HTTP/1.0 200 ok" "$WORK/c.log" ||
        { tail -30 "$WORK/c.log"; fail "no HTTP answer over $want"; }
    grep -q "^New, TLSv1.3" "$WORK/c.log" || fail "not TLS 1.3 over $want"
    got_c=$(trace_server_group "$WORK/c.log")
    got_s=$(trace_server_group "$WORK/s.log")
    [ "$got_c" = "$code" ] || fail "client saw group '$got_c' in the ServerHello, want $code ($want)"
    [ "$got_s" = "$code" ] || fail "server sent group '$got_s' in the ServerHello, want $code ($want)"
    echo "ok: s_client [$cg] -> s_server [$sg]: $want (codepoint $code) on both sides"
}

for g in X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024 MLKEM768 MLKEM1024 MLKEM512; do
    handshake "$g" "$g" "$g"
done
# The client's first key share is X25519; the server wants only the hybrid: it asks for
# it with a HelloRetryRequest and the client makes a second (hybrid) key share.
handshake X25519MLKEM768 X25519:X25519MLKEM768 X25519MLKEM768
# (OpenSSL 3.0's trace prints the HelloRetryRequest as a ServerHello whose key_share is
# the 2-byte selected group; the client then sends a second ClientHello.)
[ "$(grep -c "ClientHello, Length" "$WORK/c.log")" = 2 ] ||
    fail "expected a HelloRetryRequest and a second ClientHello"
grep -q "key_share(51), length=2$" "$WORK/c.log" || fail "no HelloRetryRequest key_share"
echo "ok: HelloRetryRequest from X25519 to X25519MLKEM768"
# A server without post-quantum groups: the hybrid-first client falls back to X25519.
handshake X25519 X25519MLKEM768:X25519 X25519
