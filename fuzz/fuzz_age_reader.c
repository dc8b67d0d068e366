/* libFuzzer target: the random-access reader (pqs_age_reader_*), which parses a sealed
 * file's header and derives the chunk layout from the file's size, on a file in memory
 * (memfd) opened with the identities of the C2SP CCTV vectors.
 * The first byte picks how the plaintext is read back (piece size and start); the rest is
 * the file. The reader and the streaming decryption must agree: the reader reads every
 * byte exactly when pqs_age_decrypt_mem opens the file, and returns the same bytes; reads
 * past the end return nothing; a failed read returns no bytes. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the whole plaintext in pieces of `piece` bytes, starting at `start` and wrapping
 * round to 0, into all (size bytes). Returns 1 when every read succeeded. */
static int read_all(pqs_age_reader *r, uint8_t *all, uint64_t size, size_t piece, uint64_t start)
{
    uint8_t *buf = malloc(piece);
    if (buf == NULL)
        abort();
    int ok = 1;
    for (uint64_t done = 0; ok && done < size;) {
        uint64_t off = (start + done) % size;
        size_t want = piece, got = 99;
        if (size - off < want)
            want = (size_t)(size - off);
        memset(buf, 0xA5, piece);
        if (pqs_age_reader_pread(r, buf, want, off, &got) != 0) {
            if (got != 0)
                abort();   /* a failed read hands out nothing */
            ok = 0;
            break;
        }
        if (got != want)
            abort();       /* short only at the end, and `want` stops there */
        memcpy(all + off, buf, got);
        done += got;
    }
    free(buf);
    return ok;
}

/* Two-byte reads across every chunk boundary and at the end, checked against all (the
 * plaintext read whole): the reads an off-by-one in the chunk arithmetic gets wrong. */
static void read_edges(pqs_age_reader *r, const uint8_t *all, uint64_t size)
{
    for (uint64_t off = 0; off < size; off = off == 0 ? 65535 : off + 65536) {
        size_t want = size - off < 2 ? (size_t)(size - off) : 2, got = 99;
        uint8_t two[2];
        if (pqs_age_reader_pread(r, two, 2, off, &got) != 0 || got != want ||
            memcmp(two, all + off, want) != 0)
            abort();
    }
    if (size > 0) {
        size_t got = 99;
        uint8_t last[5];
        if (pqs_age_reader_pread(r, last, 5, size - 1, &got) != 0 || got != 1 ||
            last[0] != all[size - 1])
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pqs_age_identity *ids[AGE_FUZZ_IDS];
    age_fuzz_identities(ids);
    if (size < 1)
        return 0;
    static const size_t pieces[8] = {1, 7, 4096, 65535, 65536, 65537, 200000, 1 << 20};
    size_t piece = pieces[data[0] & 7];
    char path[64];
    int fd = age_fuzz_file(data + 1, size - 1, path, sizeof path);

    pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = 1};
    uint8_t *pt = NULL;
    size_t pt_len = 0;
    int failure = -1;
    int streamed = pqs_age_decrypt_mem(&pt, &pt_len, data + 1, size - 1,
                                       (const pqs_age_identity *const *)ids, AGE_FUZZ_IDS, &o,
                                       &failure) == 0;

    pqs_age_reader *r = NULL;
    failure = -1;
    int opened = pqs_age_reader_open(&r, path, (const pqs_age_identity *const *)ids,
                                     AGE_FUZZ_IDS, &failure) == 0;
    if (opened != (failure == PQS_AGE_OK) || failure < 0 || failure > PQS_AGE_FAIL_OTHER)
        abort();
    if (streamed && !opened)
        abort();   /* whatever opens as a stream opens for random access */
    if (opened) {
        uint64_t n = pqs_age_reader_size(r);
        size_t got = 99;
        uint8_t one;
        if (pqs_age_reader_pread(r, &one, 1, n, &got) != 0 || got != 0)
            abort();   /* at the end: nothing, and no error */
        uint8_t *all = malloc(n ? n : 1);
        if (all == NULL)
            abort();
        uint64_t start = n ? ((uint64_t)data[0] * 4099u) % n : 0;
        int read = read_all(r, all, n, piece, start);
        if (read != streamed)
            abort();   /* every chunk authenticates exactly when the stream does */
        if (read && (n != pt_len || (n > 0 && memcmp(all, pt, n) != 0)))
            abort();
        if (read)
            read_edges(r, all, n);
        free(all);
        pqs_age_reader_close(r);
    }
    pqs_age_buffer_free(pt, pt_len);
    close(fd);
    return 0;
}
