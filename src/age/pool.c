/* The STREAM payload through a pool of worker threads with bounded memory.
 *
 * The main thread reads a batch of chunks while the workers seal or open the previous
 * one (it then takes that batch's remaining chunks itself), then writes that one out in
 * order: two batches of at most 128 chunks each are all
 * the memory used (about 34 MiB at most; 8 MiB with up to 8 threads), whatever the
 * size of the file. Opening writes only chunks that authenticated, in order, and stops at
 * the first one that does not, so no unauthenticated plaintext is ever released
 * (c2sp.org/age "Payload": streaming decryption MUST signal an error if the end of file
 * is reached without successfully decrypting a final chunk). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_impl.h"
#include "core/error.h"

/* Structural faults found while reading, reported in order like a failed tag; and the
 * outcomes of a whole chunk that authenticated with the other final flag than its
 * position says (released, as the reference implementation does, then refused). */
enum { PRE_SHORT = 1, PRE_EMPTY_FINAL = 2, PRE_NO_CHUNKS = 3, LATE_FINAL = 4, NO_FINAL = 5 };

typedef struct {
    size_t cap, count;
    uint64_t first;
    uint8_t *in, *out;
    size_t *len;
    unsigned char *final;
    int *status;
} batch;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    batch *job;
    size_t next, ndone;
    int stop, enc;
    const uint8_t *key;
    pthread_t *th;
    unsigned n;
} pool;

/* One worker per core but one: the main thread is the last one. Besides reading and
 * writing it takes chunks itself while it waits for a batch (pool_wait), so one worker per
 * core put one more runnable thread than cores on the machine, and the workers were
 * preempted by the reader and woken again batch after batch: on 2 cores, 1 worker +
 * the main thread sealed 1 GiB about 5% faster (opened it 1-2%), with less CPU time. */
unsigned age_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n <= 2 ? 1 : n > 65 ? 64 : (unsigned)n - 1;
}

static size_t in_stride(int enc);
static size_t out_stride(int enc);

static void process(EVP_CIPHER_CTX *c, batch *b, size_t i, int enc)
{
    if (b->status[i] != PQS_OK)
        return;
    if (c == NULL) {
        b->status[i] = PQS_E_NOMEM;
        return;
    }
    const uint8_t *in = b->in + i * in_stride(enc);
    uint8_t *out = b->out + i * out_stride(enc);
    if (enc) {
        b->status[i] = age_chunk_seal(c, out, in, b->len[i], b->first + i, b->final[i]);
        return;
    }
    int final = b->final[i];
    b->status[i] = age_chunk_open(c, out, in, b->len[i], b->first + i, final);
    /* A whole chunk may be a final chunk followed by trailing data, or a non-final chunk
     * at a truncation point: try the other flag so the error names what happened. */
    if (b->status[i] == PQS_E_VERIFY && b->len[i] == AGE_CT_CHUNK_BYTES &&
        age_chunk_open(c, out, in, b->len[i], b->first + i, !final) == PQS_OK)
        b->status[i] = final ? NO_FINAL : LATE_FINAL;
}

static void *worker(void *arg)
{
    pool *p = arg;
    EVP_CIPHER_CTX *c = age_chunk_ctx(p->key, p->enc);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && (p->job == NULL || p->next >= p->job->count))
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop)
            break;
        batch *b = p->job;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        process(c, b, i, p->enc);
        pthread_mutex_lock(&p->mu);
        if (++p->ndone == b->count)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    EVP_CIPHER_CTX_free(c);   /* wipes the key schedule */
    return NULL;
}

static int pool_start(pool *p, unsigned n, const uint8_t *key, int enc)
{
    memset(p, 0, sizeof *p);
    p->key = key;
    p->enc = enc;
    if ((p->th = calloc(n, sizeof *p->th)) == NULL)
        return PQS_E_NOMEM;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (; p->n < n; p->n++) {
        if (pthread_create(&p->th[p->n], NULL, worker, p) != 0)
            break;
    }
    return p->n > 0 ? PQS_OK : pqs_error_set(PQS_E_NOMEM, "cannot start worker threads");
}

static void pool_stop(pool *p)
{
    if (p->th == NULL)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->n; i++)
        pthread_join(p->th[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->th);
    p->th = NULL;
}

static void pool_submit(pool *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    p->job = b;
    p->next = p->ndone = 0;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* Wait for the submitted batch; the calling thread takes chunks too (with its own cipher
 * context c) rather than sleeping while the batch's tail is processed. */
static void pool_wait(pool *p, EVP_CIPHER_CTX *c)
{
    pthread_mutex_lock(&p->mu);
    while (p->job != NULL && p->next < p->job->count) {
        batch *b = p->job;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        process(c, b, i, p->enc);
        pthread_mutex_lock(&p->mu);
        ++p->ndone;
    }
    while (p->job != NULL && p->ndone < p->job->count)
        pthread_cond_wait(&p->done, &p->mu);
    p->job = NULL;
    pthread_mutex_unlock(&p->mu);
}

static int batch_alloc(batch *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap;
    b->in = malloc(cap * AGE_CT_CHUNK_BYTES);
    b->out = malloc(cap * AGE_CT_CHUNK_BYTES);
    b->len = calloc(cap, sizeof *b->len);
    b->final = calloc(cap, 1);
    b->status = calloc(cap, sizeof *b->status);
    return b->in && b->out && b->len && b->final && b->status ? PQS_OK : PQS_E_NOMEM;
}

static void batch_free(batch *b)
{
    /* Plaintext lives in `in` (sealing) or `out` (opening): wipe both. */
    if (b->in != NULL)
        pqs_wipe(b->in, b->cap * AGE_CT_CHUNK_BYTES);
    if (b->out != NULL)
        pqs_wipe(b->out, b->cap * AGE_CT_CHUNK_BYTES);
    free(b->in);
    free(b->out);
    free(b->len);
    free(b->final);
    free(b->status);
}

static int batch_is_final(const batch *b)
{
    return b->count > 0 && b->final[b->count - 1];
}

/* Input and output slots are packed at their chunk sizes, so a batch is read and written
 * with one call each: sealing reads 64 KiB plaintext chunks and writes 64 KiB + 16
 * ciphertext chunks, opening the reverse. */
static size_t in_stride(int enc)
{
    return enc ? AGE_CHUNK_BYTES : AGE_CT_CHUNK_BYTES;
}

static size_t out_stride(int enc)
{
    return enc ? AGE_CT_CHUNK_BYTES : AGE_CHUNK_BYTES;
}

/* Read up to cap chunks starting at chunk index first, in one read. A chunk is final when
 * it is short or the input ends right after it. */
static int read_batch(age_src *in, batch *b, uint64_t first, int enc, int *failure)
{
    size_t want = in_stride(enc), got = 0;
    int eof = 0;
    int rc = age_src_read(in, b->in, b->cap * want, &got);
    eof = got < b->cap * want;
    if (rc == PQS_OK && !eof)
        rc = age_src_at_eof(in, &eof);
    if (rc != PQS_OK) {
        *failure = in->fail ? in->fail : PQS_AGE_FAIL_IO;
        return rc;
    }
    b->first = first;
    /* An empty input is one empty chunk: valid when sealing, "no chunks" when opening. */
    b->count = got == 0 ? 1 : (got + want - 1) / want;
    for (size_t i = 0; i < b->count; i++) {
        size_t len = got - i * want < want ? got - i * want : want;
        b->len[i] = len;
        b->final[i] = (unsigned char)(eof && i == b->count - 1);
        b->status[i] = PQS_OK;
        if (!enc && len == 0)
            b->status[i] = PRE_NO_CHUNKS;
        else if (!enc && len < AGE_TAG_BYTES)
            b->status[i] = PRE_SHORT;
        else if (!enc && len == AGE_TAG_BYTES && first + i > 0)
            b->status[i] = PRE_EMPTY_FINAL;   /* "MUST NOT be empty unless the whole payload is" */
    }
    return PQS_OK;
}

static int payload_error(int status, uint64_t index, int *failure)
{
    *failure = PQS_AGE_FAIL_PAYLOAD;
    switch (status) {
    case PRE_NO_CHUNKS:
        return pqs_error_set(PQS_E_VERIFY, "the payload is missing: the file is truncated");
    case PRE_SHORT:
        return pqs_error_set(PQS_E_VERIFY, "chunk %llu is cut short: the file is truncated",
                             (unsigned long long)index);
    case PRE_EMPTY_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is empty: the file was altered");
    case LATE_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "data follows the final chunk %llu: the file was "
                             "altered", (unsigned long long)index);
    case NO_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is missing: the file is truncated");
    case PQS_E_VERIFY:
        return pqs_error_set(PQS_E_VERIFY,
                             "chunk %llu does not authenticate: the file was altered, truncated "
                             "or reordered", (unsigned long long)index);
    default:
        *failure = PQS_AGE_FAIL_OTHER;
        return status;
    }
}

/* Write the processed batch: every chunk but the last is whole, so the output is one
 * contiguous run; opening stops before the first chunk that failed. */
static int write_batch(age_sink *out, const batch *b, int enc, uint64_t *done, int *failure)
{
    size_t bytes = 0, i = 0;
    for (; i < b->count && b->status[i] == PQS_OK; i++)
        bytes += enc ? b->len[i] + AGE_TAG_BYTES : b->len[i] - AGE_TAG_BYTES;
    /* A chunk that authenticated in the wrong position is released, then refused. */
    int released = i < b->count && (b->status[i] == LATE_FINAL || b->status[i] == NO_FINAL);
    if (released)
        bytes += AGE_CHUNK_BYTES;
    int rc = bytes ? out->write(out->ctx, b->out, bytes) : PQS_OK;
    if (rc != PQS_OK) {
        *failure = PQS_AGE_FAIL_IO;
        return rc;
    }
    *done += enc ? bytes - i * AGE_TAG_BYTES : bytes;
    if (i < b->count)
        return payload_error(b->status[i], b->first + i, failure);
    return PQS_OK;
}

static size_t batch_slots(unsigned threads)
{
    size_t k = (size_t)threads * 4;
    return k < 32 ? 32 : k > 128 ? 128 : k;
}

/* The pipeline for more than one batch: read the next batch while the pool works. */
static int run_pool(age_sink *out, age_src *in, batch *cur, batch *nxt, unsigned threads,
                    const uint8_t key[32], int enc, const pqs_age_options *o, int *failure)
{
    pool p;
    EVP_CIPHER_CTX *c = age_chunk_ctx(key, enc);   /* the main thread's, for pool_wait */
    int rc = pool_start(&p, threads, key, enc);
    uint64_t done = 0;
    if (rc == PQS_OK)
        pool_submit(&p, cur);
    while (rc == PQS_OK) {
        int rfail = PQS_AGE_OK, rrc = PQS_OK;
        nxt->count = 0;
        if (!batch_is_final(cur))
            rrc = read_batch(in, nxt, cur->first + cur->count, enc, &rfail);
        pool_wait(&p, c);
        int more = rrc == PQS_OK && nxt->count > 0;
        if (more)
            pool_submit(&p, nxt);
        rc = write_batch(out, cur, enc, &done, failure);
        if (o != NULL && o->progress != NULL)
            o->progress(o->progress_ctx, done, o->total);
        if (rc == PQS_OK && rrc != PQS_OK) {
            rc = rrc;
            *failure = rfail;
        }
        if (rc != PQS_OK || !more) {
            if (more)
                pool_wait(&p, c);
            break;
        }
        batch *t = cur;
        cur = nxt;
        nxt = t;
    }
    pool_stop(&p);
    EVP_CIPHER_CTX_free(c);
    return rc;
}

static int run(age_sink *out, age_src *in, const uint8_t key[32], const pqs_age_options *o,
               int enc, int *failure)
{
    unsigned threads = o != NULL && o->threads ? o->threads : age_default_threads();
    batch a, b;
    memset(&b, 0, sizeof b);
    int rc = batch_alloc(&a, batch_slots(threads));
    if (rc == PQS_OK)
        rc = batch_alloc(&b, batch_slots(threads));
    if (rc == PQS_OK)
        rc = read_batch(in, &a, 0, enc, failure);
    else
        *failure = PQS_AGE_FAIL_OTHER;
    if (rc == PQS_OK && batch_is_final(&a)) {
        /* A small input: one batch, no threads to start. */
        uint64_t done = 0;
        EVP_CIPHER_CTX *c = age_chunk_ctx(key, enc);
        for (size_t i = 0; i < a.count; i++)
            process(c, &a, i, enc);
        EVP_CIPHER_CTX_free(c);
        rc = write_batch(out, &a, enc, &done, failure);
        if (o != NULL && o->progress != NULL)
            o->progress(o->progress_ctx, done, o->total);
    } else if (rc == PQS_OK) {
        rc = run_pool(out, in, &a, &b, threads, key, enc, o, failure);
    }
    batch_free(&a);
    batch_free(&b);
    return rc;
}

int age_stream_encrypt(age_sink *out, age_src *in, const uint8_t key[32], const pqs_age_options *o)
{
    int failure = PQS_AGE_OK;
    return run(out, in, key, o, 1, &failure);
}

int age_stream_decrypt(age_sink *out, age_src *in, const uint8_t key[32], const pqs_age_options *o,
                       int *failure)
{
    return run(out, in, key, o, 0, failure);
}
