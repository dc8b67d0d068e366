/* Random access into a sealed file (c2sp.org/age "Payload": the payload can be seeked by
 * jumping ahead in chunk increments and decrypting the whole chunk that contains the
 * seeked position; seeking relative to the end MUST first verify the final chunk).
 * An inference server reads one tensor of a sealed safetensors file this way: pieces of
 * chunks go through a one-chunk cache, runs of whole chunks straight into its buffer, over
 * one thread per core when the run is long. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "age_impl.h"
#include "core/error.h"

struct pqs_age_reader {
    int fd;
    uint64_t payload_off;   /* file offset of chunk 0 */
    uint64_t nchunks;
    uint64_t last_ct;       /* ciphertext bytes of the final chunk */
    uint64_t size;          /* plaintext bytes */
    uint8_t key[32];
    pthread_mutex_t mu;     /* guards the one-chunk cache */
    uint64_t cached;        /* index of the cached chunk, or UINT64_MAX */
    uint8_t cache[AGE_CHUNK_BYTES];
};

/* Ciphertext bytes of chunk i: whole, or what the file holds of the final one. */
static size_t ct_len_of(const pqs_age_reader *r, uint64_t i)
{
    return i == r->nchunks - 1 ? (size_t)r->last_ct : AGE_CT_CHUNK_BYTES;
}

/* Decrypt chunk i into out (AGE_CHUNK_BYTES); *len gets its plaintext length. */
static int open_chunk(const pqs_age_reader *r, uint64_t i, uint8_t *out, size_t *len)
{
    size_t ct_len = ct_len_of(r, i);
    int final = i == r->nchunks - 1;
    uint8_t *ct = malloc(AGE_CT_CHUNK_BYTES);
    EVP_CIPHER_CTX *c = ct ? age_chunk_ctx(r->key, 0) : NULL;
    int rc = c ? age_pread_all(r->fd, ct, ct_len, r->payload_off + i * AGE_CT_CHUNK_BYTES)
               : PQS_E_NOMEM;
    if (rc == PQS_OK && age_chunk_open(c, out, ct, ct_len, i, final) != PQS_OK) {
        /* A whole last chunk that opens as a middle one: the file was cut after it. */
        int cut = final && ct_len == AGE_CT_CHUNK_BYTES &&
                  age_chunk_open(c, out, ct, ct_len, i, 0) == PQS_OK;
        if (cut)
            pqs_wipe(out, AGE_CHUNK_BYTES);
        rc = cut ? pqs_error_set(PQS_E_VERIFY, "the final chunk is missing: the file is truncated")
                 : pqs_error_set(PQS_E_VERIFY, "chunk %llu does not authenticate: the file was "
                                 "altered", (unsigned long long)i);
    }
    *len = ct_len - AGE_TAG_BYTES;
    EVP_CIPHER_CTX_free(c);
    free(ct);
    return rc;
}

/* The chunk layout follows from the file size: every chunk is whole but the last, which
 * holds at least its tag, and is empty only when the whole payload is. */
static int layout(pqs_age_reader *r, uint64_t file_size, int *failure)
{
    *failure = PQS_AGE_FAIL_PAYLOAD;
    if (file_size <= r->payload_off)
        return pqs_error_set(PQS_E_VERIFY, "the payload is missing: the file is truncated");
    uint64_t ct = file_size - r->payload_off;
    r->nchunks = (ct + AGE_CT_CHUNK_BYTES - 1) / AGE_CT_CHUNK_BYTES;
    r->last_ct = ct - (r->nchunks - 1) * AGE_CT_CHUNK_BYTES;
    if (r->last_ct < AGE_TAG_BYTES)
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is cut short: the file is truncated");
    if (r->last_ct == AGE_TAG_BYTES && r->nchunks > 1)
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is empty: the file was altered");
    r->size = (r->nchunks - 1) * AGE_CHUNK_BYTES + (r->last_ct - AGE_TAG_BYTES);
    size_t len = 0;
    int rc = open_chunk(r, r->nchunks - 1, r->cache, &len);
    if (rc != PQS_OK)
        return rc;
    r->cached = r->nchunks - 1;
    *failure = PQS_AGE_OK;
    return PQS_OK;
}

static int open_fd(pqs_age_reader *r, const pqs_age_identity *const *ids, size_t n, int *failure)
{
    struct stat st;
    if (fstat(r->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *failure = PQS_AGE_FAIL_IO;
        return pqs_error_set(PQS_E_IO, "not a regular file");
    }
    age_src in;
    int rc = age_src_init(&in, age_raw_fd, &r->fd, AGE_CT_CHUNK_BYTES);
    int armor = 0;
    /* An armored file is refused by name; anything else that is not binary age is left
     * to the header parser, which says what it is not. */
    if (rc == PQS_OK && (rc = age_sniff_armor(&in, &armor)) == PQS_OK && armor) {
        *failure = PQS_AGE_FAIL_OTHER;
        rc = pqs_error_set(PQS_E_UNSUPPORTED, "only binary (not armored) age files are seekable");
    }
    if (rc == PQS_OK)
        rc = age_open_header(r->key, &in, ids, n, failure);
    r->payload_off = in.consumed;
    age_src_free(&in);
    if (rc == PQS_OK)
        rc = layout(r, (uint64_t)st.st_size, failure);
    return rc;
}

int pqs_age_reader_open(pqs_age_reader **out, const char *path, const pqs_age_identity *const *ids,
                        size_t n, int *failure)
{
    int dummy;
    failure = failure ? failure : &dummy;
    *failure = PQS_AGE_FAIL_OTHER;
    if (out == NULL || path == NULL || ids == NULL || n == 0)
        return PQS_E_INVALID_ARG;
    pqs_error_clear();
    pqs_age_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return PQS_E_NOMEM;
    r->cached = UINT64_MAX;
    pthread_mutex_init(&r->mu, NULL);
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        *failure = PQS_AGE_FAIL_IO;
        int rc = pqs_error_set(PQS_E_IO, "cannot open %s: %s", path, strerror(errno));
        pqs_age_reader_close(r);
        return rc;
    }
    int rc = open_fd(r, ids, n, failure);
    if (rc != PQS_OK) {
        pqs_age_reader_close(r);
        return rc;
    }
    *out = r;
    return PQS_OK;
}

uint64_t pqs_age_reader_size(const pqs_age_reader *r)
{
    return r ? r->size : 0;
}

/* Copy [from, from + n) of chunk i into dst, through the one-chunk cache. */
static int copy_from_chunk(pqs_age_reader *r, uint64_t i, size_t from, uint8_t *dst, size_t n)
{
    pthread_mutex_lock(&r->mu);
    int hit = r->cached == i;
    if (hit)
        memcpy(dst, r->cache + from, n);
    pthread_mutex_unlock(&r->mu);
    if (hit)
        return PQS_OK;
    uint8_t *pt = malloc(AGE_CHUNK_BYTES);
    size_t len = 0;
    int rc = pt ? open_chunk(r, i, pt, &len) : PQS_E_NOMEM;
    if (rc == PQS_OK) {
        memcpy(dst, pt + from, n);
        pthread_mutex_lock(&r->mu);
        memcpy(r->cache, pt, len);
        r->cached = i;
        pthread_mutex_unlock(&r->mu);
    }
    if (pt != NULL) {
        pqs_wipe(pt, AGE_CHUNK_BYTES);
        free(pt);
    }
    return rc;
}

/* ---- Whole chunks: straight into the caller's buffer, over threads ---- */

/* A read covering at least this many whole chunks (1 MiB) is spread over one thread per
 * core: starting a thread costs tens of microseconds, opening a chunk about twelve, so a
 * tensor of a few MiB already gains. */
#define BULK_MIN_CHUNKS 16

typedef struct {
    const pqs_age_reader *r;
    uint8_t *dst;          /* the plaintext of chunk `first` lands here */
    uint64_t first, count;
    uint64_t next;         /* next chunk to claim, relative to first (atomic) */
    pthread_mutex_t mu;    /* guards the failure below */
    uint64_t bad;          /* lowest chunk that failed, UINT64_MAX while none (atomic) */
    int rc;
    char detail[256];      /* the failing thread's error detail (it is per thread) */
} bulk;

static void bulk_fail(bulk *b, uint64_t i, int rc)
{
    pthread_mutex_lock(&b->mu);
    if (i < b->bad) {
        __atomic_store_n(&b->bad, i, __ATOMIC_RELAXED);
        b->rc = rc;
        snprintf(b->detail, sizeof b->detail, "%s", pqs_error_detail());
    }
    pthread_mutex_unlock(&b->mu);
}

/* Every thread, the caller's included: claim AGE_GROUP_CHUNKS chunks, read them with one
 * pread, open each into its place in dst; stop at the first failure anywhere. */
static void *bulk_worker(void *arg)
{
    bulk *b = arg;
    const pqs_age_reader *r = b->r;
    uint8_t *ct = malloc(AGE_GROUP_CHUNKS * AGE_CT_CHUNK_BYTES);
    EVP_CIPHER_CTX *c = ct ? age_chunk_ctx(r->key, 0) : NULL;
    for (;;) {
        uint64_t lo = __atomic_fetch_add(&b->next, AGE_GROUP_CHUNKS, __ATOMIC_RELAXED);
        if (lo >= b->count || __atomic_load_n(&b->bad, __ATOMIC_RELAXED) != UINT64_MAX)
            break;
        uint64_t k = b->count - lo < AGE_GROUP_CHUNKS ? b->count - lo : AGE_GROUP_CHUNKS;
        uint64_t i = b->first + lo;
        size_t len = (size_t)(k - 1) * AGE_CT_CHUNK_BYTES + ct_len_of(r, i + k - 1);
        int rc = c ? age_pread_all(r->fd, ct, len, r->payload_off + i * AGE_CT_CHUNK_BYTES)
                   : PQS_E_NOMEM;
        for (uint64_t j = 0; rc == PQS_OK && j < k; j++) {
            rc = age_chunk_open(c, b->dst + (lo + j) * AGE_CHUNK_BYTES,
                                ct + j * AGE_CT_CHUNK_BYTES, ct_len_of(r, i + j), i + j,
                                i + j == r->nchunks - 1);
            if (rc != PQS_OK)
                i += j;   /* the chunk that failed */
        }
        if (rc != PQS_OK) {
            bulk_fail(b, i, rc);
            break;
        }
    }
    EVP_CIPHER_CTX_free(c);
    free(ct);
    return NULL;
}

/* Open chunks [first, first + count) into dst, each whole (the last may be the final one). */
static int whole_chunks(const pqs_age_reader *r, uint8_t *dst, uint64_t first, uint64_t count)
{
    bulk b = {.r = r, .dst = dst, .first = first, .count = count, .bad = UINT64_MAX};
    pthread_mutex_init(&b.mu, NULL);
    uint64_t groups = (count + AGE_GROUP_CHUNKS - 1) / AGE_GROUP_CHUNKS;
    unsigned threads = count >= BULK_MIN_CHUNKS ? age_default_threads() : 1;
    if (threads > groups)
        threads = (unsigned)groups;
    pthread_t *th = threads > 1 ? calloc(threads - 1, sizeof *th) : NULL;
    unsigned started = 0;
    /* Fewer threads than asked (none can be created) only makes it slower. */
    while (th != NULL && started + 1 < threads &&
           pthread_create(&th[started], NULL, bulk_worker, &b) == 0)
        started++;
    bulk_worker(&b);
    for (unsigned t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    free(th);
    pthread_mutex_destroy(&b.mu);
    if (b.bad == UINT64_MAX)
        return PQS_OK;
    if (b.rc == PQS_E_VERIFY)
        return pqs_error_set(PQS_E_VERIFY, "chunk %llu does not authenticate: the file was altered",
                             (unsigned long long)b.bad);
    return pqs_error_set(b.rc, "%s", b.detail[0] ? b.detail : "out of memory");
}

/* A piece of a chunk goes through the one-chunk cache; a run of whole chunks is opened
 * straight into buf. Whatever fails, nothing of the request is left in buf. */
int pqs_age_reader_pread(pqs_age_reader *r, uint8_t *buf, size_t len, uint64_t offset, size_t *got)
{
    if (r == NULL || got == NULL || (buf == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    *got = 0;
    if (offset >= r->size || len == 0)
        return PQS_OK;
    uint64_t end = r->size - offset < len ? r->size : offset + len;
    /* Chunks below `whole_end` lie entirely inside the request (the final one counts when
     * the request reaches the end of the plaintext). */
    uint64_t whole_end = end == r->size ? r->nchunks : end / AGE_CHUNK_BYTES;
    size_t done = 0;
    int rc = PQS_OK;
    while (rc == PQS_OK && offset + done < end) {
        uint64_t pos = offset + done, i = pos / AGE_CHUNK_BYTES;
        size_t from = (size_t)(pos % AGE_CHUNK_BYTES);
        uint64_t next = (i + 1) * AGE_CHUNK_BYTES < end ? (i + 1) * AGE_CHUNK_BYTES : end;
        if (from == 0 && i < whole_end) {
            rc = whole_chunks(r, buf + done, i, whole_end - i);
            next = whole_end * AGE_CHUNK_BYTES < end ? whole_end * AGE_CHUNK_BYTES : end;
        } else {
            rc = copy_from_chunk(r, i, from, buf + done, (size_t)(next - pos));
        }
        done += (size_t)(next - pos);
    }
    if (rc != PQS_OK) {
        pqs_wipe(buf, (size_t)(end - offset));
        return rc;
    }
    *got = done;
    return PQS_OK;
}

void pqs_age_reader_close(pqs_age_reader *r)
{
    if (r == NULL)
        return;
    if (r->fd >= 0)
        close(r->fd);
    pthread_mutex_destroy(&r->mu);
    pqs_wipe(r, sizeof *r);
    free(r);
}
