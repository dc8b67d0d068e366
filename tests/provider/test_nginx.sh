#!/usr/bin/env bash
# Debian's nginx serves a model file over X25519MLKEM768 (ssl_ecdh_curve
# X25519MLKEM768:X25519), the provider added by OPENSSL_CONF alone, to Debian's curl
# (libcurl with Debian's OpenSSL 3.0 and the provider): with --curves X25519MLKEM768, with
# the configuration's default group list, and with --curves X25519 (the classical fallback).
# nginx's access log ($ssl_curve) shows the group of every request.
. "$(dirname "$0")/lib.sh"
need openssl nginx curl sha256sum
check_provider_loads
make_cert
mkdir -p "$WORK/www"
head -c $((16 << 20)) /dev/urandom >"$WORK/www/model.safetensors"
want=$(sha256sum <"$WORK/www/model.safetensors" | cut -d' ' -f1)
port=$(free_port)
start_nginx "$port"

# Debian's curl deadlocks in glibc's setlocale() at start-up when the ASan runtime is
# preloaded (as a sanitised build must do to load the sanitised module into it; curl
# --version alone hangs, with no provider involved). There, the same requests go through
# `openssl s_client` instead, so nginx and the provider are still checked under ASan;
# the curl path itself is checked by the ordinary build.
fetch() {   # fetch LABEL GROUPS ("" = the configuration's default)
    local label=$1 groups=$2
    rm -f "$WORK/got"
    if [ -z "${PQS_PRELOAD:-}" ]; then
        ossl curl -sS --fail --tlsv1.3 -k -A "pqsafe-test/$label" ${groups:+--curves "$groups"} \
            -o "$WORK/got" "https://127.0.0.1:$port/model.safetensors" 2>"$WORK/curl.err" ||
            { cat "$WORK/curl.err"; cat "$WORK/nginx/logs/error.log"; fail "curl ($label) failed"; }
    else
        printf 'GET /model.safetensors HTTP/1.1\r\nHost: localhost\r\nUser-Agent: pqsafe-test/%s\r\nConnection: close\r\n\r\n' "$label" |
            ossl timeout 60 openssl s_client -connect "127.0.0.1:$port" -tls1_3 -quiet -ign_eof \
                ${groups:+-groups "$groups"} >"$WORK/raw" 2>"$WORK/curl.err" || true
        local n   # the body follows the first empty header line
        n=$(head -c 4096 "$WORK/raw" | LC_ALL=C grep -a -n -m1 $'^\r$' | cut -d: -f1 || true)
        [ -n "$n" ] || { cat "$WORK/curl.err"; fail "s_client ($label): no HTTP answer"; }
        tail -c +$(( $(head -n "$n" "$WORK/raw" | wc -c) + 1 )) "$WORK/raw" >"$WORK/got"
    fi
    [ "$(sha256sum <"$WORK/got" | cut -d' ' -f1)" = "$want" ] || fail "$label fetch: the model file differs"
}
fetch pq X25519MLKEM768
fetch default ""
fetch classical X25519
stop_nginx
cat "$NGINX_ACCESS"
grep -q 'GET /model.safetensors HTTP/1.1" 200 16777216 curve=0x11ec proto=TLSv1.3 ua="pqsafe-test/pq"' "$NGINX_ACCESS" ||
    fail "nginx did not serve curl --curves X25519MLKEM768 over X25519MLKEM768 (0x11ec)"
grep -q 'curve=0x11ec proto=TLSv1.3 ua="pqsafe-test/default"' "$NGINX_ACCESS" ||
    fail "curl with the configuration's default groups did not use X25519MLKEM768"
grep -q 'curve=X25519 proto=TLSv1.3 ua="pqsafe-test/classical"' "$NGINX_ACCESS" ||
    fail "curl --curves X25519 did not fall back to X25519"
client=curl
[ -z "${PQS_PRELOAD:-}" ] || client="openssl s_client (sanitised build: see fetch)"
echo "ok: nginx served the 16 MiB model file to $client over X25519MLKEM768 (and X25519 for a classical client)"
