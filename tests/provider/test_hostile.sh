#!/usr/bin/env bash
# Hostile peers: raw ClientHellos with broken hybrid key shares against Debian's
# s_server (the provider must refuse each with an alert, and the server keeps serving),
# and raw ServerHellos with a wrong ciphertext length or a bad EC point against Debian's
# libssl client (which must end the handshake with an alert). See hostile_tls.c.
. "$(dirname "$0")/lib.sh"
need openssl
: "${PQS_HOSTILE:?set by CTest}"
check_provider_loads
make_cert
port=$(free_port)
start_bg "$WORK/s.log" ossl openssl s_server -accept "127.0.0.1:$port" -cert "$WORK/cert.pem" \
    -key "$WORK/key.pem" -groups X25519MLKEM768:SecP256r1MLKEM768 -tls1_3 -www
spid=$LAST_PID
wait_port "$port"

served() {
    printf 'GET / HTTP/1.0\r\n\r\n' |
        ossl timeout 20 openssl s_client -connect "127.0.0.1:$port" -groups X25519MLKEM768 \
            -tls1_3 -ign_eof >"$WORK/c.log" 2>&1 && grep -q "HTTP/1.0 200 ok" "$WORK/c.log"
}
served || { tail -20 "$WORK/c.log"; fail "the server does not serve before the attack"; }

note "hostile ClientHellos"
ossl "$PQS_HOSTILE" client-hello "$port" || { cat "$WORK/s.log"; fail "a hostile ClientHello was not refused with an alert"; }
kill -0 "$spid" 2>/dev/null || { cat "$WORK/s.log"; fail "s_server died"; }
served || { tail -20 "$WORK/c.log"; fail "the server no longer serves after the hostile ClientHellos"; }
echo "ok: s_server still serves X25519MLKEM768 after the hostile ClientHellos"
# The server's log names the provider's reasons.
for reason in "public key must be 1216 bytes, not 1215" "fails the modulus check" \
              "X25519 key agreement failed" "invalid P-256 public key"; do
    grep -q "$reason" "$WORK/s.log" || { cat "$WORK/s.log"; fail "server log lacks '$reason'"; }
done

note "hostile ServerHellos"
ossl "$PQS_HOSTILE" server-hello || fail "a hostile ServerHello was not refused with an alert"
