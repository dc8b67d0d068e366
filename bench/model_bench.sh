#!/bin/sh
# Model signing benchmark: signs (and verifies) a generated model directory and prints
# the hashing throughput beside two limits measured in the same run:
#   - the SHA-256 limit: OpenSSL's single-core SHA-256 rate (openssl speed -evp sha256,
#     1 MiB blocks) times the number of cores;
#   - sha256sum run serially over the same files;
# plus pqsafe's peak resident set size (/usr/bin/time -v).
# The page cache is warmed first so every contender reads the same cached files.
#
# usage: bench/model_bench.sh [--size-mib N] [--files K] [--dir DIR] [--keep]
#   defaults: 4096 MiB in 8 files under ${TMPDIR:-/tmp}/pqsafe-model-bench
#   PQSAFE=path/to/pqsafe (default: build/pqsafe beside this script's repository)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size_mib=4096
files=8
dir=${TMPDIR:-/tmp}/pqsafe-model-bench
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --size-mib) size_mib=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "model_bench: unknown option $1" >&2; exit 2 ;;
  esac
done
P=${PQSAFE:-$here/build/pqsafe}
[ -x "$P" ] || { echo "model_bench: $P not found (build first, or set PQSAFE)" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "model_bench: /usr/bin/time missing (Debian package 'time'; scripts/setup.sh installs it)" >&2; exit 2; }

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

# The model: K files of N/K MiB of AES-CTR keystream (fast, incompressible), kept between
# runs when the sizes match.
model=$dir/model
per_file=$((size_mib / files))
stamp="$size_mib MiB in $files files"
if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$stamp" ]; then
  rm -rf "$dir"
  mkdir -p "$model"
  echo "model_bench: generating $stamp in $model"
  i=0
  while [ $i -lt "$files" ]; do
    openssl enc -aes-128-ctr -pass pass:pqsafe-bench-$i -nosalt -pbkdf2 </dev/zero 2>/dev/null |
      head -c $((per_file * 1048576)) >"$model/shard-$i.bin"
    i=$((i + 1))
  done
  echo "$stamp" >"$dir/stamp"
fi
bytes=$((per_file * files * 1048576))
cat "$model"/*.bin >/dev/null   # warm the page cache

keys=$(mktemp -d "${TMPDIR:-/tmp}/pqs-bench-keys-XXXXXX")
trap 'rm -rf "$keys"; [ "$keep" = 1 ] || rm -rf "$dir"' EXIT
"$P" keygen --alg ML-DSA-65 -o "$keys/k.pem" --pub "$keys/k.pub" 2>/dev/null

cores=$(nproc)
single=$(openssl speed -evp sha256 -bytes 1048576 -seconds 2 2>/dev/null |
  awk '$1 == "sha256" { sub(/k$/, "", $2); print $2 * 1000 }')
limit=$(calc "$single * $cores")
# The same rate with one OpenSSL process per core: what this machine really gives in
# parallel (SMT siblings or other load share the SHA units).
multi=$(openssl speed -multi "$cores" -evp sha256 -bytes 1048576 -seconds 2 2>/dev/null |
  awk '$1 == "sha256" { sub(/k$/, "", $2); print $2 * 1000 }')

# sign_run LABEL ARGS...: time one signing run, and its peak RSS.
sign_run() {
  label=$1
  shift
  t0=$(now)
  "$TIME" -v -o "$keys/time.txt" "$P" model sign "$model" --key "$keys/k.pem" -o "$keys/model.sig" "$@" 2>/dev/null
  t1=$(now)
  secs=$(calc "$t1 - $t0")
  rss=$(awk -F: '/Maximum resident set size/ { print $2 / 1024 }' "$keys/time.txt")
  rate=$(calc "$bytes / ($t1 - $t0)")
  printf '%-26s %6.2f s %6.0f MiB/s  %4.2f x SHA-256 limit (%4.2f x measured)  %5.2f x sha256sum  peak RSS %5.1f MiB\n' \
    "$label" "$secs" "$(calc "$rate / 1048576")" "$(calc "$rate / $limit")" "$(calc "$rate / $multi")" \
    "$(calc "$rate / $serial")" "$rss"
  # CPU seconds spent: the efficiency per core shows even when other load steals cores.
  cpu=$(awk -F: '/User time|System time/ { s += $2 } END { print s }' "$keys/time.txt")
  printf '%-26s %6.2f CPU-s: %4.2f x OpenSSL single-core SHA-256 per CPU-second\n' "" "$cpu" \
    "$(calc "$bytes / ($cpu + 0.000001) / $single")"
}

t0=$(now)
sha256sum "$model"/*.bin >/dev/null
t1=$(now)
serial=$(calc "$bytes / ($t1 - $t0)")

echo "model: $stamp ($bytes bytes), $cores cores, $(openssl version | cut -d' ' -f1-2)"
printf 'SHA-256 limit: %.0f MiB/s (openssl speed: %.0f MiB/s on one core x %d cores)\n' \
  "$(calc "$limit / 1048576")" "$(calc "$single / 1048576")" "$cores"
printf 'measured parallel SHA-256 (openssl speed -multi %d): %.0f MiB/s; load average %s\n' \
  "$cores" "$(calc "$multi / 1048576")" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'sha256sum, serial: %.0f MiB/s (%.2f s)\n' "$(calc "$serial / 1048576")" "$(calc "$t1 - $t0")"
sign_run "pqsafe sign (files)"
sign_run "pqsafe sign (shards 1 GB)" --shard-size 1000000000
sign_run "pqsafe sign (shards 64 MiB)" --shard-size 67108864
t0=$(now)
"$P" model verify "$model" --key "$keys/k.pub" --signature "$keys/model.sig" >/dev/null
t1=$(now)
printf '%-26s %6.2f s %6.0f MiB/s\n' "pqsafe verify (shards)" "$(calc "$t1 - $t0")" \
  "$(calc "$bytes / ($t1 - $t0) / 1048576")"
