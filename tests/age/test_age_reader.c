/* The random-access reader: sizes, reads across chunk boundaries and at random offsets
 * (also from several threads), reads of many whole chunks (opened over threads), the
 * final chunk authenticated at open, and tampered chunks refused when read. */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "age_test_util.h"

#define CHUNK 65536
#define CT_CHUNK (CHUNK + 16)

static char g_dir[] = "/tmp/pqs-age-reader-XXXXXX";

static void write_file(const char *path, const uint8_t *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
}

static pqs_age_reader *open_reader(const char *path, const pqs_age_identity *id, int *failure)
{
    pqs_age_reader *r = NULL;
    const pqs_age_identity *ids[1] = {id};
    int rc = pqs_age_reader_open(&r, path, ids, 1, failure);
    return rc == 0 ? r : NULL;
}

static void check_range(pqs_age_reader *r, const uint8_t *pt, size_t len, uint64_t off, size_t n)
{
    uint8_t *buf = malloc(n ? n : 1);
    size_t got = 0;
    int rc = pqs_age_reader_pread(r, buf, n, off, &got);
    size_t want = off >= len ? 0 : (len - off < n ? len - off : n);
    CHECK(rc == 0 && got == want && (want == 0 || memcmp(buf, pt + off, want) == 0),
          "pread(%zu, %llu) of %zu: rc %d got %zu", n, (unsigned long long)off, len, rc, got);
    free(buf);
}

static void test_sizes(const age_pair *p)
{
    static const size_t sizes[] = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * CHUNK + 123};
    char path[64];
    snprintf(path, sizeof path, "%s/s.age", g_dir);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t len = sizes[k], ct_len = 0;
        uint8_t *pt = age_test_random(len);
        uint8_t *ct = age_test_seal(pt, len, p->r, 0, &ct_len);
        write_file(path, ct, ct_len);
        int failure = -1;
        pqs_age_reader *r = open_reader(path, p->id, &failure);
        CHECK(r != NULL && pqs_age_reader_size(r) == len, "reader size %zu: %s", len,
              pqs_error_detail());
        if (r != NULL) {
            /* Every chunk boundary, from both sides, with short and long reads. */
            for (uint64_t b = 0; b <= len + CHUNK; b += CHUNK) {
                for (int d = -2; d <= 2; d++) {
                    if ((int64_t)b + d < 0)
                        continue;
                    check_range(r, pt, len, b + (uint64_t)d, 1);
                    check_range(r, pt, len, b + (uint64_t)d, 5);
                    check_range(r, pt, len, b + (uint64_t)d, CHUNK + 3);
                }
            }
            check_range(r, pt, len, 0, len + 10);
            for (int i = 0; i < 50 && len > 0; i++) {
                uint32_t rnd[2];
                pqs_test_rand((uint8_t *)rnd, sizeof rnd);
                check_range(r, pt, len, rnd[0] % len, rnd[1] % (3 * CHUNK));
            }
            pqs_age_reader_close(r);
        }
        pqs_age_buffer_free(ct, ct_len);
        free(pt);
    }
}

/* len random bytes sealed to p into g_dir/name, and a reader open on the file. */
typedef struct {
    uint8_t *pt, *ct;
    size_t ct_len;
    char path[64];
    pqs_age_reader *r;
} sealed;

static sealed seal_to_file(const age_pair *p, size_t len, const char *name)
{
    sealed f = {.pt = age_test_random(len)};
    f.ct = age_test_seal(f.pt, len, p->r, 0, &f.ct_len);
    snprintf(f.path, sizeof f.path, "%s/%s", g_dir, name);
    write_file(f.path, f.ct, f.ct_len);
    int failure = -1;
    f.r = open_reader(f.path, p->id, &failure);
    CHECK(f.r != NULL, "reader opens %s: %s", name, pqs_error_detail());
    return f;
}

static void sealed_free(sealed *f)
{
    pqs_age_reader_close(f->r);
    pqs_age_buffer_free(f->ct, f->ct_len);
    free(f->pt);
}

typedef struct {
    pqs_age_reader *r;
    const uint8_t *pt;
    size_t len;
    int bad;
} thread_arg;

static void *reader_thread(void *arg)
{
    thread_arg *a = arg;
    uint8_t buf[3000];
    for (int i = 0; i < 200; i++) {
        uint64_t off = ((uint64_t)i * 7919 * 31) % a->len;
        size_t got = 0;
        if (pqs_age_reader_pread(a->r, buf, sizeof buf, off, &got) != 0 ||
            memcmp(buf, a->pt + off, got) != 0)
            a->bad++;
    }
    return NULL;
}

static void test_threads(const age_pair *p)
{
    size_t len = 10 * CHUNK + 77;
    sealed f = seal_to_file(p, len, "t.age");
    uint8_t *pt = f.pt;
    pqs_age_reader *r = f.r;
    thread_arg a[4];
    pthread_t th[4];
    for (int i = 0; r != NULL && i < 4; i++) {
        a[i] = (thread_arg){r, pt, len, 0};
        pthread_create(&th[i], NULL, reader_thread, &a[i]);
    }
    for (int i = 0; r != NULL && i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK(a[i].bad == 0, "thread %d read wrong bytes", i);
    }
    sealed_free(&f);
}

/* Reads of many whole chunks are opened straight into the caller's buffer by several
 * threads: every alignment of such a read, and a bad chunk inside one. */
static void test_bulk(const age_pair *p)
{
    size_t len = 40 * CHUNK + 999;
    sealed f = seal_to_file(p, len, "b.age");
    uint8_t *pt = f.pt, *ct = f.ct;
    size_t ct_len = f.ct_len;
    pqs_age_reader *r = f.r;
    if (r != NULL) {
        check_range(r, pt, len, 0, len);                        /* everything */
        check_range(r, pt, len, 0, 2 * len);
        check_range(r, pt, len, CHUNK, 20 * CHUNK);             /* aligned, whole chunks */
        check_range(r, pt, len, 3 * CHUNK, len);                /* to the end: final chunk */
        check_range(r, pt, len, 7, 30 * CHUNK);                 /* piece + run + piece */
        check_range(r, pt, len, CHUNK - 1, 17 * CHUNK + 2);
        check_range(r, pt, len, 2 * CHUNK, 16 * CHUNK - 1);     /* a run one byte short */
        check_range(r, pt, len, 24 * CHUNK, 16 * CHUNK + 999);  /* exactly the last 17 */
        pqs_age_reader_close(r);
        f.r = NULL;
    }

    /* Chunks 9 and 25 altered: a read over both fails, names the first, returns nothing
     * and leaves none of the plaintext (of the good chunks either) in the buffer. */
    size_t off = ct_len - (40 * CT_CHUNK + 999 + 16);
    ct[off + 25 * CT_CHUNK + 5] ^= 1;
    ct[off + 9 * CT_CHUNK + 5] ^= 1;
    write_file(f.path, ct, ct_len);
    int failure = -1;
    r = f.r = open_reader(f.path, p->id, &failure);
    uint8_t *buf = malloc(len);
    size_t got = 99;
    CHECK(r && pqs_age_reader_pread(r, buf, len, 0, &got) == PQS_E_VERIFY && got == 0,
          "a bulk read over altered chunks is refused");
    CHECK(strstr(pqs_error_detail(), "chunk 9 ") != NULL, "the first bad chunk is named: %s",
          pqs_error_detail());
    int wiped = 1;
    for (size_t i = 0; i < len; i++)
        wiped &= buf[i] == 0;
    CHECK(wiped, "nothing of a failed bulk read is left in the buffer");
    check_range(r, pt, len, 10 * CHUNK, 15 * CHUNK);   /* the good chunks between still read */

    /* The file shrinks under the reader: a read error, named, not a crash. */
    CHECK(truncate(f.path, (off_t)(off + 20 * CT_CHUNK)) == 0, "truncate");
    CHECK(r && pqs_age_reader_pread(r, buf, 20 * CHUNK, 10 * CHUNK, &got) == PQS_E_IO &&
              got == 0 && strstr(pqs_error_detail(), "shrank") != NULL,
          "a file that shrank: %s", pqs_error_detail());
    free(buf);
    sealed_free(&f);
}

static void test_tamper(const age_pair *p)
{
    size_t len = 3 * CHUNK + 10, ct_len = 0;
    uint8_t *pt = age_test_random(len), *ct = age_test_seal(pt, len, p->r, 0, &ct_len);
    size_t off = ct_len - (3 * CT_CHUNK + 26);
    char path[64];
    snprintf(path, sizeof path, "%s/x.age", g_dir);
    int failure = -1;

    /* An altered middle chunk: open succeeds (it is not read), reading it fails. */
    ct[off + CT_CHUNK + 100] ^= 1;
    write_file(path, ct, ct_len);
    pqs_age_reader *r = open_reader(path, p->id, &failure);
    CHECK(r != NULL, "reader opens with a bad middle chunk");
    uint8_t buf[16];
    size_t got = 99;
    CHECK(r && pqs_age_reader_pread(r, buf, 16, 10, &got) == 0 && got == 16, "chunk 0 reads");
    CHECK(r && pqs_age_reader_pread(r, buf, 16, CHUNK + 10, &got) == PQS_E_VERIFY && got == 0,
          "altered chunk 1 refused");
    CHECK(r && pqs_age_reader_pread(r, buf, 16, CHUNK - 8, &got) == PQS_E_VERIFY,
          "a read spanning into the altered chunk is refused");
    pqs_age_reader_close(r);
    ct[off + CT_CHUNK + 100] ^= 1;

    /* Altered or truncated final chunk: refused at open, since it fixes the size. */
    ct[ct_len - 1] ^= 1;
    write_file(path, ct, ct_len);
    CHECK(open_reader(path, p->id, &failure) == NULL && failure == PQS_AGE_FAIL_PAYLOAD,
          "altered final chunk refused at open");
    ct[ct_len - 1] ^= 1;
    write_file(path, ct, ct_len - CT_CHUNK);
    CHECK(open_reader(path, p->id, &failure) == NULL && failure == PQS_AGE_FAIL_PAYLOAD,
          "truncated file refused at open");
    write_file(path, ct, off + 2 * CT_CHUNK);
    CHECK(open_reader(path, p->id, &failure) == NULL && failure == PQS_AGE_FAIL_PAYLOAD,
          "file cut at a chunk boundary refused at open");
    CHECK(strstr(pqs_error_detail(), "truncated") != NULL, "a cut file is called truncated: %s",
          pqs_error_detail());

    /* Armored files are not seekable; a wrong identity gets no match. */
    size_t arm_len = 0;
    uint8_t *arm = age_test_seal(pt, 100, p->r, 1, &arm_len);
    write_file(path, arm, arm_len);
    CHECK(open_reader(path, p->id, &failure) == NULL, "armored file refused");
    CHECK(strstr(pqs_error_detail(), "armored") != NULL, "armored named: %s", pqs_error_detail());
    uint8_t *spaced = malloc(arm_len + 3);
    memcpy(spaced, " \r\n", 3);
    memcpy(spaced + 3, arm, arm_len);
    write_file(path, spaced, arm_len + 3);
    free(spaced);
    CHECK(open_reader(path, p->id, &failure) == NULL && strstr(pqs_error_detail(), "armored"),
          "armored after whitespace named: %s", pqs_error_detail());
    /* Not age at all: the header parser says so (not "armored"). */
    static const uint8_t k_plain[] = "{\"weights\": [1, 2, 3]}\n";
    write_file(path, k_plain, sizeof k_plain - 1);
    CHECK(open_reader(path, p->id, &failure) == NULL && failure == PQS_AGE_FAIL_HEADER &&
              strstr(pqs_error_detail(), "not an age file") != NULL,
          "a text file: %s", pqs_error_detail());
    write_file(path, pt, 100);   /* random bytes, most likely no newline */
    CHECK(open_reader(path, p->id, &failure) == NULL && failure == PQS_AGE_FAIL_HEADER &&
              strstr(pqs_error_detail(), "not an age file") != NULL,
          "random bytes: %s", pqs_error_detail());
    age_pair other = age_test_pair(PQS_AGE_MLKEM768X25519);
    write_file(path, ct, ct_len);
    CHECK(open_reader(path, other.id, &failure) == NULL && failure == PQS_AGE_FAIL_NO_MATCH,
          "wrong identity: no match");
    age_test_pair_free(&other);
    pqs_age_buffer_free(arm, arm_len);
    pqs_age_buffer_free(ct, ct_len);
    free(pt);
}

int main(void)
{
    if (mkdtemp(g_dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    age_pair pq = age_test_pair(PQS_AGE_MLKEM768X25519), x = age_test_pair(PQS_AGE_X25519);
    test_sizes(&pq);
    test_sizes(&x);
    test_threads(&x);
    test_bulk(&pq);
    test_tamper(&pq);
    age_test_pair_free(&pq);
    age_test_pair_free(&x);
    const char *names[] = {"s.age", "t.age", "x.age", "b.age"};
    for (int i = 0; i < 4; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s/%s", g_dir, names[i]);
        unlink(path);
    }
    rmdir(g_dir);
    return pqs_test_done("test_age_reader");
}
