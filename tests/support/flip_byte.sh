# Shell helper for the CLI tests (source it). flip_byte FILE OFFSET: flip the low bit of
# the byte at OFFSET in place. Writing a fixed byte instead would leave the file unchanged
# whenever that byte was already there (1 run in 256 on random data).
flip_byte() {
    local b
    b=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
    printf '%b' "\\0$(printf '%03o' $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
