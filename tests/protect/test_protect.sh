#!/usr/bin/env bash
# The release workflow on files: protect (sign + seal), unprotect (open + verify +
# move into place), inspect (random access into a sealed safetensors shard), both
# interrupted by a signal (nothing left behind), and each
# way it must fail: a tampered shard, a tampered signature, a removed or added file, a
# swapped signing key, an identity that is not a recipient, a hybrid key that is missing.
# Every failure exits 1 and leaves no output directory behind.
set -euo pipefail
P=$1
. "$(dirname "$0")/../support/flip_byte.sh"
W=$(mktemp -d /tmp/pqs-protect.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); }

"$P" demo --make-model model --size-mib 8 >/dev/null
mkdir model/sub && echo '{"tokenizer": true}' >model/sub/extra.json
"$P" keygen --alg ML-DSA-65 -o signer.pem --pub signer.pub 2>/dev/null
"$P" keygen --alg SLH-DSA-SHAKE-128f -o other.pem --pub other.pub 2>/dev/null
"$P" age-keygen -o alice.txt >alice.rcpt 2>/dev/null
"$P" age-keygen -o mallory.txt >mallory.rcpt 2>/dev/null
"$P" age-keygen -o carol.txt >carol.rcpt 2>/dev/null
"$P" age-keygen --classic -o bob.txt >bob.rcpt 2>/dev/null
alice=$(grep -o 'age1pq1[0-9a-z]*' alice.rcpt); carol=$(grep -o 'age1pq1[0-9a-z]*' carol.rcpt)
bob=$(grep -o 'age1[0-9a-z]*' bob.rcpt | head -1)
openssl genpkey -algorithm ed25519 -out ed.pem 2>/dev/null && openssl pkey -in ed.pem -pubout -out ed.pub

# 1. The good path, two post-quantum recipients, hybrid signature.
"$P" protect model --sign-key signer.pem --hybrid-key ed.pem --to "$alice" -r "$carol" -o shipped >protect.out
grep -q "ML-DSA-65 + Ed25519" protect.out || fail "protect does not report the hybrid signature"
grep -q "mlkem768x25519" protect.out || fail "protect does not report the recipient type"
[ -f shipped/model.sig.age ] && [ -f shipped/sub/extra.json.age ] && [ -f shipped/config.json.age ] ||
    fail "protect did not mirror the model"
[ -z "$(ls -d shipped.tmp-* 2>/dev/null)" ] || fail "protect left a temporary directory"
ok
"$P" unprotect shipped -i alice.txt --verify-key signer.pub --hybrid-key ed.pub -o restored >unprotect.out
diff -r -x model.sig model restored || fail "restored model differs"
ok
"$P" unprotect shipped -i carol.txt --verify-key signer.pub --hybrid-key ed.pub -o restored2 >/dev/null ||
    fail "the second recipient cannot open"
ok
# Classical recipients work but are called out; mixing them with post-quantum ones is
# refused (as age does: a classical stanza would make the file breakable later).
"$P" protect model --sign-key signer.pem --to "$bob" -o classic >classic.out
grep -q "NOT quantum-safe" classic.out || fail "a classical-only protect is not flagged"
set +e
"$P" protect model --sign-key signer.pem --to "$alice" --to "$bob" -o mixed >/dev/null 2>err.txt
rc=$?; set -e
[ $rc -eq 2 ] && grep -q "cannot be mixed" err.txt && [ ! -e mixed ] || fail "mixed recipients not refused"
ok

# 2. inspect: list tensors and extract one, compared with the original bytes.
shard=model-00001-of-00001.safetensors
"$P" inspect "shipped/$shard.age" -i alice.txt >inspect.out
grep -q "model.layers.2.norm.weight *F32 *\[1024\]" inspect.out || fail "inspect does not list the tensors"
line=$(grep "model.layers.2.norm.weight " inspect.out)
off=$(echo "$line" | awk '{print $4}'); len=$(echo "$line" | awk '{print $5}')
"$P" inspect "shipped/$shard.age" -i alice.txt --tensor model.layers.2.norm.weight -o t.bin >/dev/null
cmp t.bin <(tail -c +$((off + 1)) "model/$shard" | head -c "$len") || fail "extracted tensor differs"
[ "$(stat -c %a t.bin)" = 600 ] || fail "an extracted tensor (plaintext) is not mode 0600"
"$P" inspect "shipped/$shard.age" -i alice.txt --tensor model.layers.2.norm.weight -o - |
  cmp - t.bin || fail "inspect -o - does not write the tensor to standard output"
[ ! -e ./- ] || fail "inspect -o - wrote a file named -"
ok
# Tensor names come from the file: control characters are shown escaped, never sent to
# the terminal (an escape sequence could clear it or forge rows).
hdr='{"\u001b[2Jevil\nforged   F32":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'
{ printf "\\x$(printf %02x ${#hdr})\\x00\\x00\\x00\\x00\\x00\\x00\\x00"; printf '%s' "$hdr"; printf 'abcd'; } >esc.safetensors
"$P" seal -R <("$P" age-recipient alice.txt) -o esc.age esc.safetensors
"$P" inspect esc.age -i alice.txt >esc.out
grep -q 'x1b\[2Jevil\\x0aforged' esc.out && ! grep -q $'\x1b' esc.out && [ "$(wc -l <esc.out)" -eq 3 ] ||
    fail "control characters in a tensor name reach the terminal: $(cat -v esc.out)"
grep -q "decrypted 1 of 1 chunks" esc.out || fail "chunk count of a one-chunk file: $(tail -1 esc.out)"
PQSAFE_PASSPHRASE=tensor-pass "$P" seal -p --work-factor 10 -o escp.age esc.safetensors
PQSAFE_PASSPHRASE=tensor-pass "$P" inspect escp.age | grep -q "1 tensors" ||
    fail "inspect of a passphrase-protected file"
ok
"$P" seal -R <("$P" age-recipient alice.txt) -o notst.age alice.txt
set +e
"$P" inspect notst.age -i alice.txt 2>err.txt
rc=$?; set -e
[ $rc -eq 2 ] && grep -q "notst.age: not a safetensors file" err.txt ||
  fail "a sealed file that is not safetensors is not named: $(cat err.txt)"
ok
set +e
"$P" inspect "shipped/$shard.age" -i alice.txt --tensor no.such.tensor -o t2.bin 2>err.txt
rc=$?; set -e
[ $rc -eq 2 ] && grep -q "no tensor named" err.txt && [ ! -e t2.bin ] || fail "unknown tensor not refused cleanly"
ok

# 3. Failure paths: each exits 1, names the problem, leaves nothing behind.
must_fail() {   # must_fail DIR EXPECTED-TEXT unprotect-args...
    local dir=$1 want=$2
    shift 2
    set +e
    "$P" unprotect "$dir" "$@" -o out >/dev/null 2>err.txt
    local rc=$?
    set -e
    [ $rc -eq 1 ] || { cat err.txt; fail "unprotect ($want) exited $rc, not 1"; }
    grep -q -- "$want" err.txt || { cat err.txt; fail "unprotect message lacks '$want'"; }
    [ ! -e out ] && [ -z "$(ls -d out.tmp-* 2>/dev/null)" ] || fail "unprotect ($want) left output behind"
    ok
}
copy() { rm -rf "$1"; cp -r shipped "$1"; }
ARGS=(-i alice.txt --verify-key signer.pub --hybrid-key ed.pub)

copy t1; size=$(stat -c %s "t1/$shard.age")
flip_byte "t1/$shard.age" $((size / 2))
must_fail t1 "$shard.age: .*(payload failure)" "${ARGS[@]}"          # a tampered sealed shard

copy t2; truncate -s -100 "t2/$shard.age"
must_fail t2 "$shard.age: .*(payload failure)" "${ARGS[@]}"          # a truncated sealed shard

copy t3; rm "t3/$shard.age"
must_fail t3 "$shard: missing" "${ARGS[@]}"                      # a removed file

copy t4; "$P" seal -r "$alice" -o t4/injected.bin.age model/config.json 2>/dev/null
must_fail t4 "injected.bin: extra" "${ARGS[@]}"                  # a file added by an attacker

must_fail shipped "does not verify" -i alice.txt --verify-key other.pub   # a swapped signing key
must_fail shipped "no match" -i mallory.txt --verify-key signer.pub --hybrid-key ed.pub   # not a recipient

# Re-sealing a changed file for the right recipient does not fool the signature.
copy t5; echo '{"hidden_size": 1}' >evil.json
rm t5/config.json.age; "$P" seal -r "$alice" -o t5/config.json.age evil.json 2>/dev/null
must_fail t5 "config.json: changed" "${ARGS[@]}"

# A model signed by someone else, sealed for us: refused.
"$P" protect model --sign-key other.pem --to "$alice" -o forged >/dev/null
must_fail forged "does not verify" "${ARGS[@]}"

# 4. A model of many small files (a tokenizer, a dataset card, shards of a small model)
#    is sealed and opened several files at a time; -j 1 gives the same model. What model
#    signing ignores (.git) is neither sealed nor mirrored.
mkdir -p many/.git/objects many/data
for i in $(seq 1 120); do head -c $((i * 97)) /dev/urandom >"many/data/part-$i.bin"; done
echo ref >many/.git/HEAD && echo obj >many/.git/objects/x
"$P" protect many --sign-key signer.pem --to "$alice" -o many.sealed >many.out
grep -q "sealed   121 files" many.out || { cat many.out; fail "protect did not count 120 files + the bundle"; }
[ ! -e many.sealed/.git ] || fail "protect mirrored .git"
"$P" protect many --sign-key signer.pem --to "$alice" -j 1 -o many.sealed1 >/dev/null
"$P" unprotect many.sealed -i alice.txt --verify-key signer.pub -o many.open >/dev/null
"$P" unprotect many.sealed1 -i alice.txt --verify-key signer.pub -j 1 -o many.open1 >/dev/null
diff -r -x .git -x model.sig many many.open && diff -r -x model.sig many.open many.open1 || fail "a many-file model differs"
ok
rm -rf t6; cp -r many.sealed t6; flip_byte t6/data/part-77.bin.age $(($(stat -c %s t6/data/part-77.bin.age) - 5))
must_fail t6 "part-77.bin.age: .*(payload failure)" -i alice.txt --verify-key signer.pub
set +e
rm -rf t7; cp -r many.sealed t7; echo stray >t7/data/README
"$P" unprotect t7 -i alice.txt --verify-key signer.pub -o out >/dev/null 2>err.txt
rc=$?; set -e
[ $rc -eq 2 ] && grep -q "README is not a sealed file" err.txt && [ ! -e out ] &&
    [ -z "$(ls -d out.tmp-* 2>/dev/null)" ] || { cat err.txt; fail "a stray plain file not refused cleanly"; }
ok

# 5. Usage errors exit 2.
set +e
"$P" protect model --sign-key signer.pem --to "$alice" -o shipped >/dev/null 2>&1; [ $? -eq 2 ] || fail "protect over an existing output"
"$P" protect model --sign-key alice.txt --to "$alice" -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "protect with a non-key"
"$P" protect model --sign-key signer.pub --to "$alice" -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "protect with a public key"
"$P" protect model --sign-key signer.pem --to age1notarecipient -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad recipient"
"$P" unprotect shipped -i alice.txt -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "unprotect without --verify-key"
secret=$(grep '^AGE-SECRET-KEY' alice.txt)
"$P" protect model --sign-key signer.pem --to "$secret" -o x >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "secret key" err.txt && ! grep -qF "$secret" err.txt ||
    fail "a secret key given as --to is echoed or not named"
"$P" protect model --sign-key signer.pem --to "$alice" -o model/x >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "must be outside the model" err.txt && [ -z "$(ls -d model/x* 2>/dev/null)" ] ||
    fail "protect into the model itself: $(cat err.txt)"
"$P" protect model --sign-key signer.pem --to "$alice" -j x -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "protect -j x"
"$P" unprotect shipped -i alice.txt --verify-key signer.pub -j -1 -o x >/dev/null 2>&1; [ $? -eq 2 ] || fail "unprotect -j -1"
set -e
[ ! -e x ] || fail "a failed command left output"
ok

# 4. Interrupted (SIGTERM) once its staging directory exists: the directory and what it
# holds (for unprotect, the decrypted model, not yet verified) are removed, nothing is
# moved into place, and the exit status is the signal's (128 + 15).
"$P" demo --make-model bigmodel --size-mib 160 >/dev/null
"$P" protect bigmodel --sign-key signer.pem --to "$alice" -o bigshipped >/dev/null
interrupted() {   # interrupted OUT DESCRIPTION -- command...
    local out=$1 what=$2 i
    shift 3
    "$@" >/dev/null 2>&1 &
    local pid=$!
    for ((i = 0; i < 400; i++)); do
        [ -z "$(ls -d "$out".tmp-* 2>/dev/null)" ] || break
        sleep 0.01
    done
    kill -TERM "$pid" 2>/dev/null
    set +e
    { wait "$pid"; } 2>/dev/null
    local rc=$?
    set -e
    if [ $rc -eq 0 ]; then   # finished before the signal: nothing to check on this machine
        echo "note: $what finished before it could be interrupted"
        rm -rf "$out"
        return
    fi
    [ $rc -eq 143 ] || fail "$what: exit $rc, expected 143"
    [ -z "$(ls -d "$out"* 2>/dev/null)" ] || fail "$what left $(ls -d "$out"*)"
    ok
}
interrupted bigrestored "unprotect stopped by SIGTERM" -- \
    "$P" unprotect bigshipped -i alice.txt --verify-key signer.pub -o bigrestored
interrupted bigshipped2 "protect stopped by SIGTERM" -- \
    "$P" protect bigmodel --sign-key signer.pem --to "$alice" -o bigshipped2
echo "test_protect_cli: $checks passed, 0 failed"
