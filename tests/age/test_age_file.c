/* The payload engine's two inputs (src/age/payload_in.c): a regular file read at offsets
 * by every thread (pread), and a pipe read in order. Round trips through both, for sizes
 * around the chunk and group boundaries and several thread counts, with the input at a
 * non-zero offset; tampered files refused the same way through both, releasing only an
 * authenticated prefix; a file that changes while it is sealed is refused without a
 * final chunk ever being written; and outputs into a file whose offset is not 0 (the
 * file sink writes whole pieces aligned to the offset and holds the rest back). */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "age_test_util.h"

#define CHUNK 65536
#define CT_CHUNK (CHUNK + 16)
#define GROUP (4 * CHUNK)   /* AGE_GROUP_CHUNKS chunks */

enum { VIA_FILE = 0, VIA_PIPE = 1 };

/* Seal pt (via a file at offset 100, or a pipe) into a fresh file; returns the bytes. */
static uint8_t *seal_via(int via, const uint8_t *pt, size_t len, const pqs_age_recipient *r,
                         unsigned threads, size_t *ct_len)
{
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = threads};
    const pqs_age_recipient *rs[1] = {r};
    pid_t child = 0;
    int in = via == VIA_FILE ? age_test_file_fd(pt, len, 100) : age_test_pipe_fd(pt, len, &child);
    int out = age_test_out_fd();
    int rc = pqs_age_encrypt_fd(out, in, rs, 1, &o);
    CHECK(rc == 0, "seal via %s, %zu bytes, %u threads: %s", via ? "pipe" : "file", len, threads,
          pqs_error_detail());
    if (via == VIA_FILE)
        CHECK(lseek(in, 0, SEEK_CUR) == (off_t)(100 + len), "the input offset ends at the end");
    uint8_t *ct = age_test_slurp(out, ct_len);
    close(out);
    if (via == VIA_FILE)
        close(in);
    else
        age_test_pipe_done(in, child);
    return ct;
}

/* Open ct via a file or a pipe; returns rc, the released plaintext in *pt. */
static int open_via(int via, const uint8_t *ct, size_t ct_len, const pqs_age_identity *id,
                    unsigned threads, uint8_t **pt, size_t *pt_len, int *failure)
{
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_AUTO, .threads = threads};
    const pqs_age_identity *ids[1] = {id};
    pid_t child = 0;
    int in = via == VIA_FILE ? age_test_file_fd(ct, ct_len, 7)
                             : age_test_pipe_fd(ct, ct_len, &child);
    int out = age_test_out_fd();
    int rc = pqs_age_decrypt_fd(out, in, ids, 1, &o, failure);
    *pt = age_test_slurp(out, pt_len);
    close(out);
    if (via == VIA_FILE)
        close(in);
    else
        age_test_pipe_done(in, child);
    return rc;
}

static void roundtrip(size_t len, unsigned threads)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    uint8_t *pt = age_test_random(len);
    for (int via = VIA_FILE; via <= VIA_PIPE; via++) {
        size_t ct_len = 0, out_len = 0;
        uint8_t *ct = seal_via(via, pt, len, p.r, threads, &ct_len), *out = NULL;
        int failure = -1;
        int rc = open_via(1 - via, ct, ct_len, p.id, threads, &out, &out_len, &failure);
        CHECK(rc == 0 && failure == PQS_AGE_OK && out_len == len && memcmp(out, pt, len) == 0,
              "round trip %zu bytes, %u threads, sealed via %s: %s", len, threads,
              via ? "pipe" : "file", pqs_error_detail());
        free(out);
        free(ct);
    }
    free(pt);
    age_test_pair_free(&p);
}

static void expect_tamper(const char *what, const uint8_t *ct, size_t ct_len,
                          const pqs_age_identity *id, const uint8_t *pt, size_t max_prefix)
{
    for (int via = VIA_FILE; via <= VIA_PIPE; via++) {
        for (unsigned threads = 1; threads <= 3; threads += 2) {
            uint8_t *out = NULL;
            size_t out_len = 0;
            int failure = -1;
            int rc = open_via(via, ct, ct_len, id, threads, &out, &out_len, &failure);
            CHECK(rc == PQS_E_VERIFY && failure == PQS_AGE_FAIL_PAYLOAD &&
                      pqs_error_detail()[0] != '\0',
                  "%s via %s, %u threads: expected a payload failure with a reason, got %s (%s)",
                  what, via ? "pipe" : "file", threads, pqs_age_failure_name(failure),
                  pqs_error_detail());
            CHECK(out_len <= max_prefix && (out_len == 0 || memcmp(out, pt, out_len) == 0),
                  "%s via %s: released %zu bytes, not an authenticated prefix", what,
                  via ? "pipe" : "file", out_len);
            free(out);
        }
    }
}

/* Faults in the middle of a multi-group payload, seen by whichever thread writes. */
static void test_tamper(void)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    size_t len = 3 * GROUP + 100, ct_len = 0;
    uint8_t *pt = age_test_random(len);
    uint8_t *ct = age_test_seal(pt, len, p.r, 0, &ct_len);
    size_t off = age_test_payload_offset(ct, ct_len), n = 13;   /* chunks */
    CHECK(off > 0 && ct_len == off + (n - 1) * CT_CHUNK + 116, "layout");
    uint8_t *t = malloc(ct_len + CT_CHUNK);

    expect_tamper("final chunk dropped", ct, off + 12 * CT_CHUNK, p.id, pt, 12 * CHUNK);
    expect_tamper("a group dropped", ct, off + 8 * CT_CHUNK, p.id, pt, 8 * CHUNK);
    expect_tamper("cut inside chunk 5", ct, off + 5 * CT_CHUNK + 999, p.id, pt, 5 * CHUNK);
    expect_tamper("cut to a short tag", ct, off + 12 * CT_CHUNK + 9, p.id, pt, 12 * CHUNK);
    expect_tamper("no payload", ct, off, p.id, pt, 0);
    memcpy(t, ct, ct_len);
    t[ct_len] = 0;
    expect_tamper("a trailing byte", t, ct_len + 1, p.id, pt, 12 * CHUNK);
    memcpy(t, ct, ct_len);
    memcpy(t + off + 6 * CT_CHUNK, ct + off + 9 * CT_CHUNK, CT_CHUNK);
    expect_tamper("chunk 9 over chunk 6", t, ct_len, p.id, pt, 6 * CHUNK);
    memcpy(t, ct, ct_len);
    t[off + 10 * CT_CHUNK + 3] ^= 0x80;
    expect_tamper("chunk 10 flipped", t, ct_len, p.id, pt, 10 * CHUNK);
    free(t);
    free(ct);
    free(pt);
    age_test_pair_free(&p);
}

typedef struct {
    int rd, victim;
    size_t after;       /* bytes of output to let through before changing the input */
    int append;         /* append to the input rather than truncating it */
    uint8_t *got;
    size_t got_len;
} changer;

/* Drain the sealed output from a pipe; once `after` bytes came, change the input. */
static void *change_input(void *arg)
{
    changer *c = arg;
    size_t cap = 1 << 20;
    c->got = malloc(cap);
    int changed = 0;
    for (;;) {
        if (c->got_len == cap)
            c->got = realloc(c->got, cap *= 2);
        ssize_t r = read(c->rd, c->got + c->got_len, cap - c->got_len);
        if (r <= 0)
            break;
        c->got_len += (size_t)r;
        if (!changed && c->got_len >= c->after) {
            changed = 1;
            if (c->append)
                changed = write(c->victim, "more", 4) == 4;
            else
                changed = ftruncate(c->victim, CHUNK) == 0;
        }
    }
    return NULL;
}

/* A file truncated or appended to while it is sealed: refused with an I/O failure, and
 * what reached the output never holds a final chunk, so no reader accepts it. */
static void test_changed_input(int append)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    size_t len = 64 * GROUP;   /* 16 MiB: many times the engine's ring */
    uint8_t *pt = age_test_random(len);
    int in = age_test_file_fd(pt, len, 0);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", in);
    int victim = open(path, O_WRONLY | O_APPEND);
    int fds[2];
    CHECK(victim >= 0 && pipe(fds) == 0, "setup");
    changer c = {fds[0], victim, 1u << 20, append, NULL, 0};
    pthread_t th;
    pthread_create(&th, NULL, change_input, &c);
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = 2};
    const pqs_age_recipient *rs[1] = {p.r};
    int rc = pqs_age_encrypt_fd(fds[1], in, rs, 1, &o);
    close(fds[1]);
    pthread_join(th, NULL);
    CHECK(rc == PQS_E_IO && strstr(pqs_error_detail(), "while it was being read") != NULL,
          "%s during sealing: expected an I/O error, got %d (%s)", append ? "append" : "truncation",
          rc, pqs_error_detail());
    uint8_t *out = NULL;
    size_t out_len = 0;
    int failure = -1;
    const pqs_age_identity *ids[1] = {p.id};
    rc = pqs_age_decrypt_mem(&out, &out_len, c.got, c.got_len, ids, 1, NULL, &failure);
    CHECK(rc != 0 && failure == PQS_AGE_FAIL_PAYLOAD, "the partial output (%zu bytes) is refused",
          c.got_len);
    pqs_age_buffer_free(out, out_len);
    free(c.got);
    close(fds[0]);
    close(victim);
    close(in);
    free(pt);
    age_test_pair_free(&p);
}

/* Seal and open into files already holding `start` bytes: what lands after them is the
 * whole output, whatever the offset's alignment and the output's size. */
static void test_output_offsets(void)
{
    static const size_t starts[] = {0, 5, 32767, 32768, 32768 + 1643, 3 * 65536 - 1};
    static const size_t sizes[] = {0, 1, 32768 - 1643, 32768, GROUP + 1, 5 * GROUP + 77};
    age_pair p = age_test_pair(PQS_AGE_X25519);
    const pqs_age_recipient *rs[1] = {p.r};
    const pqs_age_identity *ids[1] = {p.id};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
            size_t len = sizes[j], start = starts[i], ct_len = 0, got_len = 0, want_len = 0;
            uint8_t *pt = age_test_random(len);
            uint8_t *want = seal_via(VIA_FILE, pt, len, p.r, 2, &want_len);
            pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = (unsigned)(j % 3) + 1,
                                 .write_back = (int)(i % 2)};
            int in = age_test_file_fd(pt, len, 0), out = age_test_file_fd(NULL, 0, start);
            CHECK(lseek(out, 0, SEEK_END) == (off_t)start, "setup");
            int rc = pqs_age_encrypt_fd(out, in, rs, 1, &o);
            uint8_t *ct = age_test_slurp(out, &ct_len);
            CHECK(rc == 0 && ct_len == start + want_len,
                  "seal at offset %zu, %zu bytes: %zu bytes out, want %zu (%s)", start, len,
                  ct_len, start + want_len, pqs_error_detail());
            close(in);
            close(out);
            int failure = -1;
            in = age_test_file_fd(ct + start, ct_len - start, 0);
            out = age_test_file_fd(NULL, 0, start);
            lseek(out, 0, SEEK_END);
            rc = pqs_age_decrypt_fd(out, in, ids, 1, &o, &failure);
            uint8_t *got = age_test_slurp(out, &got_len);
            CHECK(rc == 0 && got_len == start + len && memcmp(got + start, pt, len) == 0,
                  "open at offset %zu, %zu bytes: %zu bytes out (%s)", start, len, got_len,
                  pqs_error_detail());
            close(in);
            close(out);
            free(got);
            free(ct);
            free(want);
            free(pt);
        }
    }
    age_test_pair_free(&p);
}

/* Outputs long enough to be handed to the disk as they are written (write_back: every
 * 16 MiB) come out whole. */
static void test_write_back(void)
{
    size_t len = (40u << 20) + 3, ct_len = 0, got_len = 0;
    age_pair p = age_test_pair(PQS_AGE_X25519);
    const pqs_age_recipient *rs[1] = {p.r};
    const pqs_age_identity *ids[1] = {p.id};
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = 2, .write_back = 1};
    uint8_t *pt = age_test_random(len);
    int in = age_test_file_fd(pt, len, 0), out = age_test_file_fd(NULL, 0, 1643);
    lseek(out, 0, SEEK_END);
    int rc = pqs_age_encrypt_fd(out, in, rs, 1, &o), failure = -1;
    uint8_t *ct = age_test_slurp(out, &ct_len);
    CHECK(rc == 0 && ct_len > 1643 + len, "seal with write_back: %s", pqs_error_detail());
    close(in);
    close(out);
    in = age_test_file_fd(ct + 1643, ct_len - 1643, 0);
    out = age_test_out_fd();
    rc = pqs_age_decrypt_fd(out, in, ids, 1, &o, &failure);
    uint8_t *got = age_test_slurp(out, &got_len);
    CHECK(rc == 0 && got_len == len && memcmp(got, pt, len) == 0, "open with write_back: %s",
          pqs_error_detail());
    close(in);
    close(out);
    free(got);
    free(ct);
    free(pt);
    age_test_pair_free(&p);
}

/* A file that cannot grow (RLIMIT_FSIZE: write fails with EFBIG): an error, whether it
 * strikes a whole piece or only the bytes held back until the end. */
static void test_output_error(void)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    const pqs_age_recipient *rs[1] = {p.r};
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_NO, .threads = 2};
    struct rlimit old;
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0, "getrlimit");
    signal(SIGXFSZ, SIG_IGN);
    static const size_t limits[] = {10, 100000}, sizes[] = {1000, 3 * GROUP};
    for (size_t i = 0; i < 2; i++) {
        uint8_t *pt = age_test_random(sizes[i]);
        int in = age_test_file_fd(pt, sizes[i], 0), out = age_test_out_fd();
        struct rlimit lim = {limits[i], old.rlim_max};
        CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0, "setrlimit");
        int rc = pqs_age_encrypt_fd(out, in, rs, 1, &o);
        CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0, "restore the limit");
        CHECK(rc == PQS_E_IO && strstr(pqs_error_detail(), "write failed") != NULL,
              "a file limited to %zu bytes: got %d (%s)", limits[i], rc, pqs_error_detail());
        close(in);
        close(out);
        free(pt);
    }
    signal(SIGXFSZ, SIG_DFL);
    age_test_pair_free(&p);
}

int main(void)
{
    static const size_t sizes[] = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, GROUP - 1, GROUP,
                                   GROUP + 1, GROUP + CHUNK, 9 * GROUP + 3};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        roundtrip(sizes[i], (unsigned)(i % 4) + 1);
    roundtrip((9u << 20) + 3, 2);
    roundtrip((9u << 20) + 3, 8);
    test_tamper();
    test_changed_input(0);
    test_changed_input(1);
    test_output_offsets();
    test_output_error();
    test_write_back();
    return pqs_test_done("test_age_file");
}
