#!/bin/sh
# pqsafe model sign / verify end to end: key files from 'pqsafe keygen' and openssl,
# exit codes and messages, and an independent check of every bundle in Node 24
# (check_bundle.js: model_signing v1.0 field shape, digests, root, DSSE signatures).
# usage: test_modelsign_cli.sh PQSAFE NODE CHECK_BUNDLE_JS
set -u
P=$1
. "$(dirname "$0")/../support/flip_byte.sh"
NODE=$2
CHECK=$3
if [ ! -x "$NODE" ]; then
  echo "Node 24 not found at $NODE: run scripts/setup.sh" >&2
  exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/pqs-modelcli-XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
checks=0

ok() { checks=$((checks + 1)); }
bad() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*" >&2; }

# run WANT_EXIT WANT_TEXT CMD...: the exit status, and WANT_TEXT in stdout+stderr.
run() {
  want=$1 text=$2
  shift 2
  out=$("$@" 2>&1)
  got=$?
  if [ "$got" -ne "$want" ]; then
    bad "exit $got (want $want): $*"
    echo "$out" | head -5 >&2
  elif [ -n "$text" ] && ! printf '%s' "$out" | grep -qF -- "$text"; then
    bad "no '$text' in output of: $*"
    echo "$out" | head -5 >&2
  else
    ok
  fi
}

M=$T/my-model
mkdir -p "$M/a" "$M/sub/deeper" "$M/.git"
printf 'ab' > "$M/a/b"
printf 'a-c' > "$M/a-c"
printf 'a0' > "$M/a0"
printf 'space' > "$M/with space.txt"
printf 'unicode' > "$M/$(printf 'caf\303\251.txt')"
: > "$M/empty.bin"
head -c 250000 /dev/urandom > "$M/sub/deeper/weights.bin"
printf 'ref' > "$M/.git/HEAD"
printf '*.tmp' > "$M/.gitignore"

run 0 "usage: pqsafe model sign" "$P" model sign --help
run 0 "usage: pqsafe model verify" "$P" model verify --help
run 0 "pqsafe model verify" "$P" model --help
run 2 "" "$P" model
run 2 "needs MODEL and --key" "$P" model sign "$M"
run 2 "unknown option '--bogus'" "$P" model verify "$M" --key x --bogus

run 0 "" "$P" keygen --alg ML-DSA-65 -o "$T/k.pem" --pub "$T/k.pub"
run 0 "" "$P" keygen --alg ML-DSA-87 -o "$T/k87.pem" --pub "$T/k87.pub"
run 0 "" "$P" keygen --alg SLH-DSA-SHAKE-128f -o "$T/s.pem" --pub "$T/s.pub"
run 0 "" "$P" keygen --alg ML-KEM-768 -o "$T/kem.pem" --pub "$T/kem.pub"
run 2 "is a public key" "$P" model sign "$M" --key "$T/k.pub"
run 2 "model signing needs ML-DSA or SLH-DSA" "$P" model sign "$M" --key "$T/kem.pem"

# ML-DSA-65, files: sign, check independently, verify.
run 0 "signed" "$P" model sign "$M" --key "$T/k.pem"
run 0 "check_bundle: OK (ML-DSA-65, files, 7 resources" "$NODE" "$CHECK" "$M" "$M/model.sig" "$T/k.pub"
run 0 "OK: $M matches its ML-DSA-65 signature" "$P" model verify "$M" --key "$T/k.pub"
run 0 "\"verified\": true" "$P" model verify "$M" --key "$T/k.pub" --json
run 1 "signed with ML-DSA-65 but the key is ML-DSA-87" "$P" model verify "$M" --key "$T/k87.pub"

# Shards into a file outside the model (MODEL/model.sig is then an ordinary file).
run 0 "" "$P" model sign "$M" --key "$T/k.pem" --shard-size 100000 -o "$T/shards.sig" --threads 3
run 0 "check_bundle: OK (ML-DSA-65, shards, 9 resources" "$NODE" "$CHECK" "$M" "$T/shards.sig" "$T/k.pub"
run 0 "shards method" "$P" model verify "$M" --key "$T/k.pub" --signature "$T/shards.sig"

# SLH-DSA, and hybrid ML-DSA-65 + Ed25519 (keys from openssl).
run 0 "" "$P" model sign "$M" --key "$T/s.pem" -o "$T/slh.sig"
run 0 "check_bundle: OK (SLH-DSA-SHAKE-128f" "$NODE" "$CHECK" "$M" "$T/slh.sig" "$T/s.pub"
run 0 "OK" "$P" model verify "$M" --key "$T/s.pub" --signature "$T/slh.sig"
openssl genpkey -algorithm ed25519 -out "$T/ed.pem" 2>/dev/null
openssl pkey -in "$T/ed.pem" -pubout -out "$T/ed.pub" 2>/dev/null
run 0 "ML-DSA-65+Ed25519" "$P" model sign "$M" --key "$T/k.pem" --hybrid-key "$T/ed.pem" -o "$T/hy.sig"
run 0 "check_bundle: OK (ML-DSA-65+Ed25519" "$NODE" "$CHECK" "$M" "$T/hy.sig" "$T/k.pub" "$T/ed.pub"
run 0 "ML-DSA-65+Ed25519 signature" "$P" model verify "$M" --key "$T/k.pub" --hybrid-key "$T/ed.pub" --signature "$T/hy.sig"
run 1 "the Ed25519 key is needed too" "$P" model verify "$M" --key "$T/k.pub" --signature "$T/hy.sig"
run 2 "cannot read the hybrid key" "$P" model sign "$M" --key "$T/k.pem" --hybrid-key "$T/none.pem"

# Tampering: exit 1 and every file named; --json lists them.
flip_byte "$M/sub/deeper/weights.bin" 1000
rm "$M/a0"
printf 'new' > "$M/added.txt"
run 1 "changed  sub/deeper/weights.bin" "$P" model verify "$M" --key "$T/k.pub"
run 1 "missing  a0" "$P" model verify "$M" --key "$T/k.pub"
run 1 "extra    added.txt" "$P" model verify "$M" --key "$T/k.pub"
run 1 "verification FAILED: the model does not match its signature: 1 changed, 1 missing, 1 extra" \
    "$P" model verify "$M" --key "$T/k.pub"
json=$("$P" model verify "$M" --key "$T/k.pub" --json 2>/dev/null)
if printf '%s' "$json" | "$NODE" -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  process.exit(!r.verified && r.changed[0] === "sub/deeper/weights.bin" && r.missing[0] === "a0" &&
               r.extra[0] === "added.txt" && r.algorithm === "ML-DSA-65" ? 0 : 1)'; then ok
else bad "--json findings: $json"; fi
run 1 "changed" "$P" model verify "$M" --key "$T/k.pub" --ignore-unsigned-files

# Bad input: exit 2 with one line; never a partial signature file.
printf 'not json' > "$T/garbage.sig"
run 2 "cannot verify: the signature file is not valid JSON" "$P" model verify "$M" --key "$T/k.pub" --signature "$T/garbage.sig"
run 2 "cannot open" "$P" model verify "$M" --key "$T/k.pub" --signature "$T/none.sig"
ln -s /etc/passwd "$M/link"
run 2 "'link' is a symbolic link" "$P" model sign "$M" --key "$T/k.pem" -o "$T/link.sig"
run 2 "points outside the model directory" "$P" model sign "$M" --key "$T/k.pem" -o "$T/link.sig" --allow-symlinks
if [ -e "$T/link.sig" ] || ls "$T" | grep -q 'link.sig.tmp'; then bad "partial output left"; else ok; fi
run 1 "'link' is a symbolic link" "$P" model verify "$M" --key "$T/k.pub"

echo "test_modelsign_cli: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
