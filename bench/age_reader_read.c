/* The random-access reader at work, for bench/age_bench.sh: read a sealed file's whole
 * plaintext through pqs_age_reader_pread in pieces of PIECE MiB (default 4: one tensor of
 * a safetensors shard, say) into one buffer, output discarded. Each piece covers 64 whole
 * chunks, so the library opens them straight into the buffer over one thread per core.
 *
 *   age_reader_read IDENTITY-FILE FILE [PIECE_MiB]
 *
 * The benchmark times the whole process, as it times pqsafe open. */
#include <stdio.h>
#include <stdlib.h>

#include "pqsafe/age.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: age_reader_read IDENTITY-FILE FILE [PIECE_MiB]\n");
        return 2;
    }
    size_t piece = (size_t)(argc > 3 ? atoi(argv[3]) : 4) << 20;
    pqs_age_identity **ids = NULL;
    size_t n = 0;
    pqs_age_reader *r = NULL;
    int failure = 0;
    if (piece == 0 || pqs_age_identity_load(&ids, &n, argv[1]) != 0 ||
        pqs_age_reader_open(&r, argv[2], (const pqs_age_identity *const *)ids, n, &failure) != 0) {
        fprintf(stderr, "age_reader_read: %s\n", pqs_error_detail());
        return 1;
    }
    uint8_t *buf = malloc(piece);
    uint64_t size = pqs_age_reader_size(r);
    int rc = buf == NULL;
    for (uint64_t off = 0; rc == 0 && off < size;) {
        size_t got = 0;
        rc = pqs_age_reader_pread(r, buf, piece, off, &got);
        off += got;
    }
    if (rc != 0)
        fprintf(stderr, "age_reader_read: %s\n", pqs_error_detail());
    free(buf);
    pqs_age_reader_close(r);
    pqs_age_identities_free(ids, n);
    return rc != 0;
}
