#!/usr/bin/env bash
# Headless Debian Chromium (BoringSSL, X25519MLKEM768 built in) fetches a model file from
# Debian's nginx + the pqsafe provider. The page computes the file's SHA-256 with
# WebCrypto and writes it into the DOM, which --dump-dom prints; nginx's access log
# ($ssl_curve) shows that the page and the file came over X25519MLKEM768 (0x11ec).
. "$(dirname "$0")/lib.sh"
need openssl nginx chromium sha256sum
check_provider_loads
make_cert
mkdir -p "$WORK/www"
head -c $((8 << 20)) /dev/urandom >"$WORK/www/model.safetensors"
want=$(sha256sum <"$WORK/www/model.safetensors" | cut -d' ' -f1)
cat >"$WORK/www/index.html" <<'HTML'
<!doctype html>
<html><head><title>pqsafe</title></head><body><pre id="out">pending</pre>
<script>
(async () => {
  const out = document.getElementById('out');
  try {
    const r = await fetch('/model.safetensors', {cache: 'no-store'});
    const b = await r.arrayBuffer();
    const h = await crypto.subtle.digest('SHA-256', b);
    const hex = Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join('');
    out.textContent = 'size=' + b.byteLength + ' sha256=' + hex;
  } catch (e) {
    out.textContent = 'error=' + e;
  }
})();
</script></body></html>
HTML
port=$(free_port)
start_nginx "$port"

profile=$(mktemp -d "$WORK/chromium.XXXXXX")
# Chromium has its own TLS stack: no OpenSSL variables. Bounded by timeout.
foreign timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --ignore-certificate-errors --virtual-time-budget=30000 \
    --dump-dom "https://127.0.0.1:$port/index.html" >"$WORK/dom.html" 2>"$WORK/chromium.err" ||
    { tail -20 "$WORK/chromium.err"; fail "chromium failed"; }
stop_nginx
cat "$NGINX_ACCESS"
grep -q "size=$((8 << 20)) sha256=$want" "$WORK/dom.html" ||
    { cat "$WORK/dom.html"; tail -20 "$WORK/chromium.err"; fail "Chromium did not get the model file intact"; }
grep -q '"GET /index.html HTTP/1.1" 200 .* curve=0x11ec proto=TLSv1.3' "$NGINX_ACCESS" ||
    fail "Chromium did not load the page over X25519MLKEM768"
grep -q '"GET /model.safetensors HTTP/1.1" 200 8388608 curve=0x11ec proto=TLSv1.3' "$NGINX_ACCESS" ||
    fail "Chromium did not fetch the model over X25519MLKEM768"
if grep -q 'curve=X25519 ' "$NGINX_ACCESS"; then fail "a Chromium request used X25519 alone"; fi
echo "ok: headless Chromium fetched the 8 MiB model from nginx + pqsafe over X25519MLKEM768"
