#!/usr/bin/env bash
# The age commands of the pqsafe binary: help, exit codes, identity files (mode 0600,
# never overwritten), round trips (files, stdin/stdout, armor, passphrase), directory
# mirrors, bad or tampered inputs leaving no output file behind, interruption by a
# signal, the file size limit, and outputs that are FIFOs, devices or links.
# usage: test_age_cli.sh PQSAFE_BINARY
set -u
P=${1:?usage: test_age_cli.sh PQSAFE_BINARY}
. "$(dirname "$0")/../support/flip_byte.sh"
T=$(mktemp -d /tmp/pqs-age-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# expect CODE DESCRIPTION -- command...
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >"$T/.out" 2>"$T/.err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want ($(head -c 300 "$T/.err"))"; fi
}
no_file() { if [ -e "$1" ]; then bad "$2: $1 exists"; else ok; fi; }
no_temp() { if ls "$1"/*.tmp-* >/dev/null 2>&1; then bad "$2: temporary file left in $1"; else ok; fi; }

for c in seal open age-keygen age-recipient; do
  expect 0 "$c --help" -- "$P" "$c" --help
  grep -q "usage: pqsafe $c" "$T/.out" && ok || bad "$c --help prints its usage"
done

# Identities: mode 0600, printed recipient, never overwritten without --force.
expect 0 "age-keygen" -- "$P" age-keygen -o id.txt
R=$(cat "$T/.out")
[ "$(stat -c %a id.txt)" = 600 ] && ok || bad "identity mode is $(stat -c %a id.txt)"
case $R in age1pq1*) ok ;; *) bad "PQ recipient prefix: $R" ;; esac
grep -q '^AGE-SECRET-KEY-PQ-1' id.txt && ok || bad "identity line"
cp id.txt id.keep
expect 2 "age-keygen refuses to overwrite" -- "$P" age-keygen -o id.txt
cmp -s id.txt id.keep && ok || bad "identity changed by a refused keygen"
expect 0 "age-keygen --force" -- "$P" age-keygen --force -o id.txt
cmp -s id.txt id.keep && bad "--force did not replace the identity" || ok
R=$(cat "$T/.out")
expect 0 "age-recipient" -- "$P" age-recipient id.txt
[ "$(cat "$T/.out")" = "$R" ] && ok || bad "age-recipient differs from age-keygen"
[ "$("$P" age-recipient <id.txt)" = "$R" ] && ok || bad "age-recipient from standard input"
[ "$(cat id.txt | "$P" age-recipient -)" = "$R" ] && ok || bad "age-recipient -"
expect 2 "age-recipient of two files" -- "$P" age-recipient id.txt id.txt
expect 0 "age-keygen --classic" -- "$P" age-keygen --classic -o cid.txt
C=$(cat "$T/.out")
case $C in age1pq1*) bad "classic recipient is PQ" ;; age1*) ok ;; *) bad "classic prefix: $C" ;; esac
expect 0 "age-keygen -o -" -- "$P" age-keygen -o -
grep -q '^AGE-SECRET-KEY-PQ-1' "$T/.out" && [ ! -e ./- ] && ok || bad "age-keygen -o - is standard output"
expect 0 "age-keygen to stdout" -- "$P" age-keygen
grep -q '^# public key: age1pq1' "$T/.out" && ok || bad "stdout identity file"
chmod 644 cid.txt
"$P" age-recipient cid.txt 2>&1 >/dev/null | grep -q "readable by group or others" && ok || bad "no warning for a readable identity"
chmod 600 cid.txt

# Round trips: sizes around the chunk size, stdin/stdout, armor, several recipients.
for n in 0 1 65536 200001; do
  head -c "$n" /dev/urandom >"pt$n"
  expect 0 "seal $n" -- "$P" seal -r "$R" -o "ct$n.age" "pt$n"
  expect 0 "open $n" -- "$P" open -i id.txt -o "out$n" "ct$n.age"
  cmp -s "pt$n" "out$n" && ok || bad "round trip of $n bytes"
done
[ "$(stat -c %a out1)" = 600 ] && ok || bad "opened file mode"
"$P" seal -r "$C" -a <pt200001 >ct.asc 2>/dev/null && ok || bad "seal stdin to stdout, armored"
head -1 ct.asc | grep -q -- '-----BEGIN AGE ENCRYPTED FILE-----' && ok || bad "armor header"
"$P" open -i cid.txt - <ct.asc 2>/dev/null | cmp -s - pt200001 && ok || bad "open armored from stdin"
expect 0 "seal to two recipients" -- "$P" seal -r "$C" -r "$("$P" age-keygen --classic -o cid2.txt)" -o two.age pt1
expect 0 "first of two" -- "$P" open -i cid.txt -o two1 two.age
expect 0 "second of two" -- "$P" open -i cid2.txt -o two2 two.age
printf '# recipients\n%s\n\n' "$R" >recips.txt
expect 0 "seal -R" -- "$P" seal -R recips.txt -o r.age pt1
expect 0 "open -R output" -- "$P" open -i id.txt -o r.out r.age
expect 0 "passphrase seal" -- env PQSAFE_PASSPHRASE=s3cret "$P" seal --passphrase --work-factor 10 -o p.age pt65536
expect 0 "passphrase open" -- env PQSAFE_PASSPHRASE=s3cret "$P" open -o p.out p.age
cmp -s p.out pt65536 && ok || bad "passphrase round trip"
expect 1 "wrong passphrase" -- env PQSAFE_PASSPHRASE=nope "$P" open -o p.bad p.age
grep -q "wrong passphrase" "$T/.err" && ok || bad "wrong passphrase is named: $(cat "$T/.err")"
no_file p.bad "wrong passphrase"

# Directory mirror.
mkdir -p tree/a/b tree/empty
head -c 70000 /dev/urandom >tree/a/b/w.bin
echo hello >tree/top.txt
: >tree/a/zero
expect 0 "seal DIR" -- "$P" seal -r "$R" -o sealed tree
for f in a/b/w.bin.age top.txt.age a/zero.age; do [ -f "sealed/$f" ] && ok || bad "mirror lacks $f"; done
expect 0 "open DIR" -- "$P" open -i id.txt -o opened sealed
diff -r tree opened >/dev/null 2>&1 && ok || bad "opened tree differs ($(diff -rq tree opened 2>&1 | head -3))"
expect 2 "seal DIR without -o" -- "$P" seal -r "$R" tree
expect 2 "seal DIR into itself" -- "$P" seal -r "$R" -o tree/inner tree
expect 2 "seal DIR refuses to overwrite" -- "$P" seal -r "$R" -o sealed tree

# A dataset-like tree: many small files sealed and opened several at a time, a file over
# the progress threshold (64 MiB) with every thread; the same result with -j 1.
mkdir -p data/x/y data/z
for i in $(seq 1 150); do echo "row $i" >"data/x/y/r$i.txt"; echo "$i" >"data/z/s$i"; done
head -c $((65 << 20)) /dev/urandom >data/x/shard.bin
expect 0 "seal dataset tree" -- "$P" seal -r "$R" -o dsealed data
[ "$(find dsealed -type f -name '*.age' | wc -l)" -eq 301 ] && ok || bad "dataset: $(find dsealed -type f | wc -l) sealed files, expected 301"
expect 0 "open dataset tree" -- "$P" open -i id.txt -o dopened dsealed
diff -r data dopened >/dev/null 2>&1 && ok || bad "opened dataset differs ($(diff -rq data dopened 2>&1 | head -3))"
expect 0 "open dataset tree -j 1" -- "$P" open -j 1 -i id.txt -o dopened1 dsealed
diff -r data dopened1 >/dev/null 2>&1 && ok || bad "opened dataset (-j 1) differs"
rm -rf dopened dopened1 data/x/shard.bin dsealed/x/shard.bin.age
# One altered file among many: exit 1, no output for it, no temporary file anywhere.
flip_byte dsealed/z/s77.age $(($(stat -c %s dsealed/z/s77.age) - 3))
expect 1 "open tree with an altered file" -- "$P" open -i id.txt -o dbad dsealed
no_file dbad/z/s77 "open tree with an altered file"
[ -z "$(find dbad -name '*.tmp-*')" ] && ok || bad "temporary files left in dbad"
grep -q "s77.age" "$T/.err" && ok || bad "the error names the altered file: $(head -c 300 "$T/.err")"
grep -q "stopped at the first failure: [0-9]* of the tree's 300 files were written to dbad" "$T/.err" && ok ||
  bad "the error says how much of the tree was written: $(cat "$T/.err")"
# A passphrase-protected identity file (age's encrypted identities), binary or armored:
# the passphrase is asked for, the identities inside open the file.
expect 0 "protect an identity file" -- env PQSAFE_PASSPHRASE=idpass "$P" seal -p --work-factor 10 -o id.enc id.txt
expect 0 "... armored" -- env PQSAFE_PASSPHRASE=idpass "$P" seal -p -a --work-factor 10 -o id.enc.asc id.txt
expect 0 "open with a protected identity file" -- env PQSAFE_PASSPHRASE=idpass "$P" open -i id.enc -o encid.out ct1.age
cmp -s encid.out pt1 && ok || bad "protected identity file round trip"
expect 0 "open with an armored protected identity file" -- env PQSAFE_PASSPHRASE=idpass "$P" open -i id.enc.asc -o encid2.out ct1.age
grep -q "readable by group or others" "$T/.err" && bad "a protected identity file (0644) is warned about" || ok
(umask 077 && "$P" seal -r "$C" -o umask.age pt1) && [ "$(stat -c %a umask.age)" = 600 ] && ok ||
  bad "seal ignores the umask: $(stat -c %a umask.age)"
expect 2 "a protected identity file, wrong passphrase" -- env PQSAFE_PASSPHRASE=nope "$P" open -i id.enc -o encid3.out ct1.age
grep -q "id.enc: a passphrase-protected identity file: wrong passphrase" "$T/.err" && ok ||
  bad "wrong identity-file passphrase: $(cat "$T/.err")"
expect 2 "a sealed file given as identity" -- "$P" open -i ct1.age -o encid3.out ct1.age
grep -q "encrypted to recipients, not an identity file" "$T/.err" && ok || bad "sealed file as identity: $(cat "$T/.err")"
no_file encid3.out "bad identity files"

# Identities from standard input (-i -); the input must then be named.
"$P" open -i - ct1.age <id.txt 2>/dev/null | cmp -s - pt1 && ok || bad "open -i - (identities on stdin)"
expect 2 "-i - with the input on stdin too" -- "$P" open -i - -o stdin2.out -
grep -q "must be named" "$T/.err" && ok || bad "-i - and stdin input: $(cat "$T/.err")"
# Mixed post-quantum and classic recipients: refused before any input is read, counted.
expect 2 "mixed recipients" -- "$P" seal -r "$R" -r "$C" -o mixed.age pt1
grep -q "seal: 1 post-quantum (age1pq1) and 1 classic (age1) recipients: they cannot be mixed" "$T/.err" &&
  ok || bad "mixed recipients: $(cat "$T/.err")"
no_file mixed.age "mixed recipients"

# A Hugging Face snapshot: every file a link into blobs/. Links to files are sealed as
# the files; links to directories and dangling links are skipped with a warning.
mkdir -p hf/blobs hf/snap/sub
head -c 70000 /dev/urandom >hf/blobs/b1 && echo '{"x": 1}' >hf/blobs/b2
ln -s ../blobs/b1 hf/snap/model.safetensors && ln -s ../../blobs/b2 hf/snap/sub/config.json
ln -s ../blobs hf/snap/blobdir && ln -s nowhere hf/snap/dangling
expect 0 "seal a snapshot of links" -- "$P" seal -r "$R" -o hfsealed hf/snap
grep -q "skipping hf/snap/blobdir (a link to a directory)" "$T/.err" &&
  grep -q "skipping hf/snap/dangling (a link to nothing)" "$T/.err" && ok ||
  bad "skipped links named: $(cat "$T/.err")"
expect 0 "open the sealed snapshot" -- "$P" open -i id.txt -o hfopened hfsealed
cmp -s hfopened/model.safetensors hf/blobs/b1 && cmp -s hfopened/sub/config.json hf/blobs/b2 &&
  [ ! -L hfopened/model.safetensors ] && ok || bad "snapshot round trip"
# An output inside the input is refused before anything is created; a file is not a
# directory to seal into.
expect 2 "output inside the tree" -- "$P" seal -r "$R" -o data/z/out data
grep -q "the output data/z/out must be outside data" "$T/.err" && ok || bad "inside: $(cat "$T/.err")"
no_file data/z/out "output inside the tree"
expect 2 "open into the sealed tree" -- "$P" open -i id.txt -o dsealed/inner dsealed
no_file dsealed/inner "open into the sealed tree"
expect 2 "a file as the output directory" -- "$P" seal -r "$R" -o pt1 data/z
grep -q "pt1 exists and is not a directory" "$T/.err" && ok || bad "file as output dir: $(cat "$T/.err")"
# Passphrase files opened side by side: the passphrase is asked once, scrypt runs one at
# a time (bounded memory).
expect 0 "seal tree with a passphrase" -- env PQSAFE_PASSPHRASE=tree-pass "$P" seal -p --work-factor 10 -o psealed data/z
expect 0 "open passphrase tree" -- env PQSAFE_PASSPHRASE=tree-pass "$P" open -o popened psealed
diff -r data/z popened >/dev/null 2>&1 && ok || bad "opened passphrase tree differs"

# A hostile header: 16 MiB of the smallest stanzas ("-> a" and an empty body) is refused
# at the stanza limit, in bounded memory (it took about 1 GB before the limit).
{ echo "age-encryption.org/v1"; yes -- $'-> a\n' | head -c 16000000; echo "--- $(printf 'A%.0s' {1..43})"; } >tiny.age
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f %M -o tiny.rss "$P" open -i id.txt -o tiny.out tiny.age 2>"$T/.err"
  rc=$?
  [ "$(tail -1 tiny.rss)" -lt $((128 * 1024)) ] && ok || bad "hostile header: peak RSS $(tail -1 tiny.rss) KiB"
else
  "$P" open -i id.txt -o tiny.out tiny.age 2>"$T/.err"
  rc=$?
fi
[ $rc -eq 2 ] && grep -q "more than 262144 recipient stanzas" "$T/.err" && ok ||
  bad "hostile header: exit $rc, $(cat "$T/.err")"
no_file tiny.out "hostile header"

# Bad input: clear one-line error, non-zero exit, no output file, no temporary file.
cp ct200001.age t.age
flip_byte t.age 100000
expect 1 "tampered chunk" -- "$P" open -i id.txt -o t.out t.age
no_file t.out "tampered chunk"
[ "$(wc -l <"$T/.err")" -eq 1 ] && ok || bad "tamper error is not one line: $(cat "$T/.err")"
head -c 100000 ct200001.age >trunc.age
expect 1 "truncated payload" -- "$P" open -i id.txt -o trunc.out trunc.age
no_file trunc.out "truncated payload"
# Cut right after the header (no payload nonce): a header failure by the spec's vectors,
# so exit 2 (malformed), and the message says truncated.
hdr_end=$(($(grep -abo -- '^--- ' ct200001.age | head -1 | cut -d: -f1) + 48))
head -c "$hdr_end" ct200001.age >nononce.age
expect 2 "cut after the header" -- "$P" open -i id.txt -o nononce.out nononce.age
grep -q "truncated" "$T/.err" && ok || bad "cut after the header: $(cat "$T/.err")"
no_file nononce.out "cut after the header"
expect 2 "open without -i" -- "$P" open -o noid.out ct1.age
[ "$(wc -l <"$T/.err")" -eq 1 ] && grep -q "no identity given" "$T/.err" && ok ||
  bad "open without -i: $(cat "$T/.err")"
head -c 200 ct200001.age >hdr.age
expect 2 "truncated header" -- "$P" open -i id.txt -o hdr.out hdr.age
no_file hdr.out "truncated header"
expect 2 "not an age file" -- "$P" open -i id.txt -o junk.out pt200001
no_file junk.out "not an age file"
expect 1 "wrong identity" -- "$P" open -i cid.txt -o wrong.out ct1.age
no_file wrong.out "wrong identity"
expect 2 "missing input" -- "$P" open -i id.txt -o miss.out does-not-exist.age
no_file miss.out "missing input"
expect 2 "bad recipient" -- "$P" seal -r age1notakey -o bad.age pt1
no_file bad.age "bad recipient"
expect 2 "PQ mixed with classic" -- "$P" seal -r "$R" -r "$C" -o mix.age pt1
no_file mix.age "PQ mixed with classic"
expect 2 "passphrase with recipients" -- env PQSAFE_PASSPHRASE=x "$P" seal -p -r "$R" -o pr.age pt1
# A fleet of recipients: a recipients file over 1 MiB (600 post-quantum recipients) is
# read, and a header too large for any reader (12000 stanzas, over 16 MiB) is refused
# before anything is written.
for i in $(seq 600); do echo "$R"; done >fleet.txt
expect 0 "600 recipients" -- "$P" seal -R fleet.txt -o fleet.age pt1
expect 0 "open a 600-recipient file" -- "$P" open -i id.txt -o fleet.out fleet.age
cmp -s fleet.out pt1 && ok || bad "600-recipient round trip"
for i in $(seq 4000); do echo "$R"; done >fleet4000.txt
expect 2 "header over 16 MiB" -- "$P" seal -R fleet4000.txt -R fleet4000.txt -R fleet4000.txt -o huge.age pt1
grep -q "too many recipients" "$T/.err" && ok || bad "huge header named: $(cat "$T/.err")"
no_file huge.age "header over 16 MiB"
# -o - is standard output (as age has it), for seal and open alike; it is not a file.
"$P" seal -r "$C" -o - pt1 | "$P" open -i cid.txt -o - | cmp -s - pt1 && ok || bad "-o - round trip"
no_file ./- "-o -"
# Binary output to a terminal is refused with a hint, and -o - forces it (as age does).
if command -v script >/dev/null 2>&1; then
  script -qec "'$P' seal -r '$C' pt1" /dev/null >tty.out 2>&1
  [ $? = 2 ] && grep -q "force it with -o -" tty.out && ok || bad "binary to a terminal: $(cat tty.out)"
  script -qec "'$P' seal -r '$C' -o - pt1" /dev/null >tty.out 2>&1 && ok || bad "-o - to a terminal"
fi
expect 2 "bad work factor" -- env PQSAFE_PASSPHRASE=x "$P" seal -p --work-factor 23 -o wf.age pt1
grep -q "work-factor must be 1 to 22" "$T/.err" && ok || bad "work factor named: $(cat "$T/.err")"
no_file wf.age "a work factor nobody could open"
expect 2 "work factor without a passphrase" -- "$P" seal -r "$C" --work-factor 10 -o wf.age pt1
grep -q "for --passphrase only" "$T/.err" && ok || bad "work factor alone: $(cat "$T/.err")"
SECRET=$(grep '^AGE-SECRET-KEY' cid.txt)
expect 2 "a secret key as -r" -- "$P" seal -r "$SECRET" -o wf.age pt1
grep -q "secret key" "$T/.err" && ! grep -qF "$SECRET" "$T/.err" && ok ||
  bad "a secret key given as -r is echoed or not named: $(cat "$T/.err")"
expect 2 "bad thread count" -- "$P" seal -r "$C" -j lots -o j.age pt1
grep -q "invalid thread count" "$T/.err" && ok || bad "thread count named: $(cat "$T/.err")"
expect 2 "no recipient" -- "$P" seal -o none.age pt1
grep -q "no recipients" "$T/.err" && ok || bad "no recipient is named: $(cat "$T/.err")"
expect 2 "empty recipient" -- "$P" seal -r "" -o none.age pt1
grep -q "^pqsafe: seal: -r '': invalid" "$T/.err" && ok || bad "empty -r is named: $(cat "$T/.err")"
expect 2 "unknown option" -- "$P" open --bogus
expect 2 "bad identity file" -- "$P" open -i pt1 -o bi.out ct1.age
echo keep >exists.out
expect 2 "open refuses to overwrite" -- "$P" open -i id.txt -o exists.out ct1.age
[ "$(cat exists.out)" = keep ] && ok || bad "existing output changed"
expect 0 "open --force" -- "$P" open -f -i id.txt -o exists.out ct1.age
mkdir -p outdir.d
expect 2 "a directory as output file" -- "$P" open -f -i id.txt -o outdir.d ct1.age
grep -q "outdir.d is a directory" "$T/.err" && ok || bad "directory output named: $(cat "$T/.err")"

# Interrupted: the temporary output (plaintext, when opening) is gone, and the exit
# status is the signal's. The input comes through a FIFO that stalls after 3 MiB, so the
# command is surely mid-way when the signal arrives.
head -c 4194304 /dev/urandom >pt4m
"$P" seal -r "$C" -o ct4m.age pt4m
interrupt() {   # interrupt SIGNAL STATUS OUT DESCRIPTION -- command... (reading fifo.in)
  local sig=$1 want=$2 out=$3 what=$4 i
  shift 5
  rm -f fifo.in && mkfifo fifo.in
  { head -c 3145728 "${IN:-ct4m.age}"; sleep 5; } >fifo.in &
  local feeder=$!
  # (A script's background job starts with SIGINT ignored, which pqsafe leaves ignored.)
  (trap - INT; exec "$@") 2>/dev/null &
  local pid=$!
  # The output exists while the command runs: unnamed (O_TMPFILE, a "(deleted)" file
  # among its descriptors) where the filesystem allows, else a named OUT.tmp-*.
  writing() { ls "$out".tmp-* >/dev/null 2>&1 || ls -l /proc/"$pid"/fd 2>/dev/null | grep -q deleted; }
  for ((i = 0; i < 100; i++)); do
    writing && break
    sleep 0.05
  done
  writing && ok || bad "$what: no temporary output while running"
  if [ "$sig" = KILL ] && ls "$out".tmp-* >/dev/null 2>&1; then
    # Named temporary files (no O_TMPFILE here): nothing removes them after SIGKILL.
    echo "note: $what: this filesystem has no unnamed temporary files"
    kill -KILL "$pid"; { wait "$pid"; } 2>/dev/null; rm -f "$out".tmp-*
    kill "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null
    return
  fi
  sleep 0.2
  kill -"$sig" "$pid"
  { wait "$pid"; } 2>/dev/null   # without bash's "Hangup" job report
  local got=$?
  [ "$got" -eq "$want" ] && ok || bad "$what: exit $got, expected $want"
  if ls "$out"* >/dev/null 2>&1; then bad "$what: $(ls "$out"*) left behind"; else ok; fi
  kill "$feeder" 2>/dev/null
  wait "$feeder" 2>/dev/null
}
interrupt TERM 143 int.out "open stopped by SIGTERM" -- "$P" open -i cid.txt -o int.out fifo.in
interrupt INT 130 int.out "open stopped by SIGINT" -- "$P" open -i cid.txt -o int.out fifo.in
IN=pt4m interrupt HUP 129 int.age "seal stopped by SIGHUP" -- "$P" seal -r "$C" -o int.age fifo.in
# SIGKILL cannot be caught: the output was never named, so nothing of it is left.
interrupt KILL 137 int.out "open killed by SIGKILL" -- "$P" open -i cid.txt -o int.out fifo.in
# A signal the caller ignores (nohup, SIGHUP) stays ignored: the command carries on.
rm -f fifo.in && mkfifo fifo.in
{ head -c 3145728 pt4m; sleep 1; tail -c +3145729 pt4m; } >fifo.in &
feeder=$!
(trap '' HUP; exec "$P" seal -r "$C" -o nohup.age fifo.in) 2>/dev/null &
pid=$!
sleep 0.5
kill -HUP "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
rc=$?
wait "$feeder" 2>/dev/null
[ $rc -eq 0 ] && "$P" open -i cid.txt nohup.age 2>/dev/null | cmp -s - pt4m && ok ||
  bad "an ignored SIGHUP stopped seal (exit $rc)"
rm -f fifo.in

# Over the file size limit (ulimit -f): a message naming the output, exit 2, nothing
# left (SIGXFSZ would otherwise kill the process silently, temporary file and all).
(ulimit -f 1024; "$P" open -i cid.txt -o big.out ct4m.age) 2>"$T/.err"
[ $? -eq 2 ] && grep -q "open: big.out: write failed: File too large" "$T/.err" && ok ||
  bad "file size limit: $(cat "$T/.err")"
no_file big.out "file size limit"
ls big.out.tmp-* >/dev/null 2>&1 && bad "file size limit: temporary left" || ok

# Outputs that are not regular files are written in place, never replaced.
mkfifo out.fifo
cat out.fifo >from.fifo &
expect 0 "seal into a FIFO" -- "$P" seal -r "$C" -o out.fifo pt1
wait
[ -p out.fifo ] && ok || bad "the FIFO was replaced"
expect 0 "open what came through the FIFO" -- "$P" open -i cid.txt -o fifo.pt from.fifo
cmp -s fifo.pt pt1 && ok || bad "round trip through a FIFO"
expect 0 "seal -f -o /dev/null" -- "$P" seal -f -r "$C" -o /dev/null pt1
[ -c /dev/null ] && ok || bad "/dev/null is no longer a device"
"$P" seal -r "$C" -o /dev/stdout pt1 2>/dev/null | "$P" open -i cid.txt | cmp -s - pt1 && ok ||
  bad "-o /dev/stdout"
echo old >link.target && ln -s link.target out.link
expect 0 "seal -f through a link" -- "$P" seal -f -r "$C" -o out.link pt1
[ -L out.link ] && ok || bad "the link was replaced"
expect 0 "open the link's target" -- "$P" open -i cid.txt -o link.pt link.target
cmp -s link.pt pt1 && ok || bad "the link's target holds the sealed file"
# Another user's link is not followed (a link planted in a shared directory would make
# us replace any file we can write); only root can make one here.
echo keep >victim.txt && ln -s victim.txt other.link
if chown -h nobody other.link 2>/dev/null; then
  expect 2 "another user's link" -- "$P" seal -f -r "$C" -o other.link pt1
  grep -q "owned by another user" "$T/.err" && [ "$(cat victim.txt)" = keep ] && ok ||
    bad "another user's link followed: $(cat "$T/.err")"
fi
# /dev/stdout is the descriptor the shell gave us: appended to, never reopened or replaced.
echo "log line" >out.log
"$P" seal -r "$C" -o /dev/stdout pt1 >>out.log 2>/dev/null
[ "$(head -1 out.log)" = "log line" ] && tail -n +2 out.log | "$P" open -i cid.txt 2>/dev/null | cmp -s - pt1 &&
  ok || bad "-o /dev/stdout appended to a log"
no_temp "$T" "after all runs"

echo "test_age_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
