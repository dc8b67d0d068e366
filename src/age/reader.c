/* Random access into a sealed file (c2sp.org/age "Payload": the payload can be seeked by
 * jumping ahead in chunk increments and decrypting the whole chunk that contains the
 * seeked position; seeking relative to the end MUST first verify the final chunk).
 * An inference server reads one tensor of a sealed safetensors file this way. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

/* Decrypt chunk i into out (AGE_CHUNK_BYTES); *len gets its plaintext length. */
static int open_chunk(const pqs_age_reader *r, uint64_t i, uint8_t *out, size_t *len)
{
    int final = i == r->nchunks - 1;
    size_t ct_len = final ? (size_t)r->last_ct : AGE_CT_CHUNK_BYTES;
    uint8_t *ct = malloc(AGE_CT_CHUNK_BYTES);
    EVP_CIPHER_CTX *c = ct ? age_chunk_ctx(r->key, 0) : NULL;
    int rc = c ? age_pread_all(r->fd, ct, ct_len, r->payload_off + i * AGE_CT_CHUNK_BYTES) : PQS_E_NOMEM;
    if (rc == PQS_OK && age_chunk_open(c, out, ct, ct_len, i, final) != PQS_OK)
        rc = pqs_error_set(PQS_E_VERIFY, "chunk %llu does not authenticate: the file was altered",
                           (unsigned long long)i);
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

int pqs_age_reader_pread(pqs_age_reader *r, uint8_t *buf, size_t len, uint64_t offset, size_t *got)
{
    if (r == NULL || got == NULL || (buf == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    *got = 0;
    if (offset >= r->size || len == 0)
        return PQS_OK;
    uint64_t end = r->size - offset < len ? r->size : offset + len;
    size_t done = 0;
    while (offset + done < end) {
        uint64_t pos = offset + done, i = pos / AGE_CHUNK_BYTES;
        size_t from = (size_t)(pos % AGE_CHUNK_BYTES);
        uint64_t chunk_end = (i + 1) * AGE_CHUNK_BYTES < end ? (i + 1) * AGE_CHUNK_BYTES : end;
        size_t n = (size_t)(chunk_end - pos);
        int rc = copy_from_chunk(r, i, from, buf + done, n);
        if (rc != PQS_OK) {
            pqs_wipe(buf, done);
            return rc;
        }
        done += n;
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
