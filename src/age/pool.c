/* The STREAM payload (c2sp.org/age "Payload") through threads with bounded memory.
 *
 * Every thread, the caller's included, runs the same loop: claim the next group of
 * AGE_GROUP_CHUNKS chunks, read it into its own buffer (payload_in.c: in parallel for a
 * file or memory, in order under the lock for a stream), seal or open it into the group's
 * slot of a ring, then write out whatever run of slots is complete, in order (whoever
 * finds the writer's place free takes it). No thread waits for a batch to finish: one
 * waits only when the ring is full behind a slow output. Memory: the ring (at most 64
 * slots of 256 KiB) and one input buffer per thread, whatever the size of the file.
 *
 * Opening writes only chunks that authenticated, in order, and stops at the first one
 * that does not, so no unauthenticated plaintext is ever released ("streaming decryption
 * MUST signal an error if the end of file is reached without successfully decrypting a
 * final chunk"). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_impl.h"
#include "core/error.h"

enum { SLOT_FREE = 0, SLOT_BUSY = 1, SLOT_DONE = 2 };
#define GROUP_BYTES ((size_t)AGE_GROUP_CHUNKS * AGE_CT_CHUNK_BYTES)

typedef struct {
    age_group g;
    uint8_t *out;
    size_t used;              /* bytes of out ever written (wiped at the end when opening) */
    int state;
} slot;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t freed;     /* a slot was written out, or the run stopped */
    int enc;
    const uint8_t *key;
    age_payload_in in;
    slot *slots;
    uint8_t *ring;
    size_t nslots;
    uint64_t claimed;         /* groups handed to threads */
    uint64_t written;         /* groups written out (the ring's tail) */
    int input_done, writing, stop, finished;
    int rc, failure;
    char detail[256];         /* rc's detail (error details are per thread) */
    uint64_t done;            /* plaintext bytes written */
    age_sink *out;
    const pqs_age_options *o;
} engine;

unsigned age_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static size_t out_stride(int enc)
{
    return enc ? AGE_CT_CHUNK_BYTES : AGE_CHUNK_BYTES;
}

static size_t in_stride(int enc)
{
    return enc ? AGE_CHUNK_BYTES : AGE_CT_CHUNK_BYTES;
}

static void process(EVP_CIPHER_CTX *c, age_group *g, size_t i, const uint8_t *buf, uint8_t *out,
                    int enc)
{
    if (g->status[i] != PQS_OK)
        return;
    if (c == NULL) {
        g->status[i] = PQS_E_NOMEM;
        return;
    }
    const uint8_t *in = buf + i * in_stride(enc);
    out += i * out_stride(enc);
    if (enc) {
        g->status[i] = age_chunk_seal(c, out, in, g->len[i], g->first + i, g->final[i]);
        if (g->status[i] != PQS_OK)
            snprintf(g->detail, sizeof g->detail, "%s", pqs_error_detail());
        return;
    }
    int final = g->final[i];
    g->status[i] = age_chunk_open(c, out, in, g->len[i], g->first + i, final);
    /* A whole chunk may be a final chunk followed by trailing data, or a non-final chunk
     * at a truncation point: try the other flag so the error names what happened. */
    if (g->status[i] == PQS_E_VERIFY && g->len[i] == AGE_CT_CHUNK_BYTES &&
        age_chunk_open(c, out, in, g->len[i], g->first + i, !final) == PQS_OK)
        g->status[i] = final ? AGE_NO_FINAL : AGE_LATE_FINAL;
}

static int payload_error(const age_group *g, size_t i, int *failure)
{
    unsigned long long index = (unsigned long long)(g->first + i);
    *failure = PQS_AGE_FAIL_PAYLOAD;
    switch (g->status[i]) {
    case AGE_PRE_NO_CHUNKS:
        return pqs_error_set(PQS_E_VERIFY, "the payload is missing: the file is truncated");
    case AGE_PRE_SHORT:
        return pqs_error_set(PQS_E_VERIFY, "chunk %llu is cut short: the file is truncated", index);
    case AGE_PRE_EMPTY_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is empty: the file was altered");
    case AGE_LATE_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "data follows the final chunk %llu: the file was "
                             "altered", index);
    case AGE_NO_FINAL:
        return pqs_error_set(PQS_E_VERIFY, "the final chunk is missing: the file is truncated");
    case PQS_E_VERIFY:
        return pqs_error_set(PQS_E_VERIFY, "chunk %llu does not authenticate: the file was "
                             "altered, truncated or reordered", index);
    default:
        *failure = g->fail != PQS_AGE_OK ? g->fail : PQS_AGE_FAIL_OTHER;
        return g->detail[0] ? pqs_error_set(g->status[i], "%s", g->detail) : g->status[i];
    }
}

/* Bytes of a group's buffer (input, or output) that its chunks may have filled: what
 * must be wiped, so that a small file does not pay for wiping the whole buffer. A failed
 * read may have filled any of it. */
static size_t group_extent(const age_group *g, size_t stride, size_t cap, int out)
{
    if (g->count == 0 || g->status[0] < 0)
        return cap;
    size_t n = (g->count - 1) * stride + g->len[g->count - 1] + (out ? AGE_TAG_BYTES : 0);
    return n < cap ? n : cap;
}

/* Output bytes of the chunks of g that may be released, up to the first that failed
 * (*bad gets its index, or g->count). A chunk that authenticated in the wrong position is
 * released, then refused. */
static size_t releasable(const age_group *g, int enc, size_t *bad)
{
    size_t bytes = 0, i = 0;
    for (; i < g->count && g->status[i] == PQS_OK; i++)
        bytes += enc ? g->len[i] + AGE_TAG_BYTES : g->len[i] - AGE_TAG_BYTES;
    if (i < g->count && (g->status[i] == AGE_LATE_FINAL || g->status[i] == AGE_NO_FINAL))
        bytes += AGE_CHUNK_BYTES;
    *bad = i;
    return bytes;
}

/* Write the n completed slots from `first` (consecutive in the ring): all but the last
 * group of a payload are whole, so the run is one contiguous piece of the ring up to the
 * first failed chunk. Sets *end when the final chunk was written, or on an error. */
static int write_run(engine *e, size_t first, size_t n, int *end, int *failure)
{
    size_t bytes = 0, chunks = 0, bad = 0, k = 0;
    int rc = PQS_OK;
    for (; k < n; k++) {
        const age_group *g = &e->slots[first + k].g;
        if (g->final[g->count - 1] && (rc = age_payload_in_unchanged(&e->in)) != PQS_OK) {
            *failure = PQS_AGE_FAIL_IO;
            break;
        }
        bytes += releasable(g, e->enc, &bad);
        chunks += bad;
        if (bad < g->count)
            break;
    }
    int wrc = bytes ? e->out->write(e->out->ctx, e->slots[first].out, bytes) : PQS_OK;
    if (wrc != PQS_OK) {
        *failure = PQS_AGE_FAIL_IO;
        rc = wrc;
    } else if (rc == PQS_OK && k < n) {
        rc = payload_error(&e->slots[first + k].g, bad, failure);
    }
    /* Plaintext bytes: sealing wrote a tag after each chunk it released. */
    if (wrc == PQS_OK)
        e->done += e->enc ? bytes - chunks * AGE_TAG_BYTES : bytes;
    if (e->o != NULL && e->o->progress != NULL)
        e->o->progress(e->o->progress_ctx, e->done, e->o->total);
    const age_group *last = &e->slots[first + n - 1].g;
    *end = rc != PQS_OK || last->final[last->count - 1];
    return rc;
}

/* With e->mu held: the run stops with the first error, its detail kept for the caller's
 * thread (error details are per thread). */
static void fail(engine *e, int rc, int failure)
{
    if (e->rc == PQS_OK) {
        e->rc = rc;
        e->failure = failure;
        snprintf(e->detail, sizeof e->detail, "%s", pqs_error_detail());
    }
    e->stop = 1;
    pthread_cond_broadcast(&e->freed);
}

/* With e->mu held: write out the completed slots at the ring's tail, unless another
 * thread is already doing so (it will find this thread's slot too). */
static void flush(engine *e)
{
    if (e->writing)
        return;
    e->writing = 1;
    while (!e->stop && e->slots[e->written % e->nslots].state == SLOT_DONE) {
        size_t first = (size_t)(e->written % e->nslots), n = 1;
        while (first + n < e->nslots && e->slots[first + n].state == SLOT_DONE)
            n++;
        pthread_mutex_unlock(&e->mu);
        int end = 0, failure = PQS_AGE_OK, rc = write_run(e, first, n, &end, &failure);
        pthread_mutex_lock(&e->mu);
        for (size_t k = 0; k < n; k++)
            e->slots[first + k].state = SLOT_FREE;
        e->written += n;
        if (rc != PQS_OK)
            fail(e, rc, failure);
        else if (end)
            e->finished = 1;
        e->stop |= end;
        pthread_cond_broadcast(&e->freed);
    }
    e->writing = 0;
}

/* Claim, read, process and flush one group. Called and returns with e->mu held; 0 when
 * nothing is left to claim. */
static int step(engine *e, EVP_CIPHER_CTX *c, uint8_t *buf, size_t *buf_used)
{
    while (!e->stop && !e->input_done && e->claimed >= e->written + e->nslots)
        pthread_cond_wait(&e->freed, &e->mu);
    if (e->stop || e->input_done)
        return 0;
    uint64_t group = e->claimed++;
    slot *s = &e->slots[group % e->nslots];
    s->state = SLOT_BUSY;
    int last = 0;
    if (!e->in.random)
        age_payload_in_group(&e->in, &s->g, group, buf, &last);
    else
        last = age_payload_in_last(&e->in, group);
    e->input_done = last;
    pthread_mutex_unlock(&e->mu);
    if (e->in.random)
        age_payload_in_group(&e->in, &s->g, group, buf, &last);
    for (size_t i = 0; i < s->g.count; i++)
        process(c, &s->g, i, buf, s->out, e->enc);
    size_t in_used = group_extent(&s->g, in_stride(e->enc), GROUP_BYTES, 0);
    size_t out_used = group_extent(&s->g, out_stride(e->enc),
                                   AGE_GROUP_CHUNKS * out_stride(e->enc), 1);
    *buf_used = in_used > *buf_used ? in_used : *buf_used;
    pthread_mutex_lock(&e->mu);
    s->used = out_used > s->used ? out_used : s->used;
    s->state = SLOT_DONE;
    flush(e);
    return 1;
}

/* One thread's share: its own cipher context (the key schedule) and input buffer. With
 * once set, a single group (the caller's first, before any thread is started). */
static void work(engine *e, int once)
{
    EVP_CIPHER_CTX *c = age_chunk_ctx(e->key, e->enc);
    uint8_t *buf = malloc(GROUP_BYTES);
    size_t used = 0;
    pthread_mutex_lock(&e->mu);
    if (c == NULL || buf == NULL) {
        fail(e, pqs_error_set(PQS_E_NOMEM, "out of memory for the payload"), PQS_AGE_FAIL_OTHER);
    } else {
        while (step(e, c, buf, &used) && !once) {
        }
    }
    pthread_mutex_unlock(&e->mu);
    if (buf != NULL) {
        if (e->enc)
            pqs_wipe(buf, used);   /* plaintext; opening reads ciphertext into it */
        free(buf);
    }
    EVP_CIPHER_CTX_free(c);   /* wipes the key schedule */
}

static void *thread_main(void *arg)
{
    work(arg, 0);
    return NULL;
}

static int engine_init(engine *e, age_src *in, unsigned threads, const uint8_t key[32], int enc)
{
    memset(e, 0, sizeof *e);
    pthread_mutex_init(&e->mu, NULL);
    pthread_cond_init(&e->freed, NULL);
    e->key = key;
    e->enc = enc;
    /* A single thread writes each group out as soon as it is done: two slots are plenty
     * (a directory's small files run many such engines side by side). */
    size_t n = threads == 1 ? 2 : (size_t)threads * 4 < 8 ? 8 : (size_t)threads * 4;
    e->nslots = n > 64 ? 64 : n;
    e->slots = calloc(e->nslots, sizeof *e->slots);
    e->ring = malloc(e->nslots * AGE_GROUP_CHUNKS * out_stride(enc));
    if (e->slots == NULL || e->ring == NULL)
        return PQS_E_NOMEM;
    for (size_t i = 0; i < e->nslots; i++)
        e->slots[i].out = e->ring + i * AGE_GROUP_CHUNKS * out_stride(enc);
    return age_payload_in_open(&e->in, in, enc);
}

static void engine_free(engine *e)
{
    if (e->ring != NULL) {
        for (size_t i = 0; !e->enc && e->slots != NULL && i < e->nslots; i++)
            pqs_wipe(e->slots[i].out, e->slots[i].used);   /* plaintext when opening */
        free(e->ring);
    }
    free(e->slots);
    pthread_mutex_destroy(&e->mu);
    pthread_cond_destroy(&e->freed);
}

static int run(age_sink *out, age_src *in, const uint8_t key[32], const pqs_age_options *o,
               int enc, int *failure)
{
    unsigned threads = o != NULL && o->threads ? o->threads : age_default_threads();
    engine e;
    int rc = engine_init(&e, in, threads, key, enc);
    if (rc != PQS_OK) {
        engine_free(&e);
        *failure = PQS_AGE_FAIL_OTHER;
        return rc;
    }
    e.out = out;
    e.o = o;
    /* The first group on this thread: a small input needs no other. */
    work(&e, 1);
    if (!e.stop && !e.input_done) {
        pthread_t *th = calloc(threads, sizeof *th);
        unsigned started = 0;
        for (; th != NULL && started + 1 < threads; started++) {
            if (pthread_create(&th[started], NULL, thread_main, &e) != 0)
                break;
        }
        work(&e, 0);
        for (unsigned i = 0; i < started; i++)
            pthread_join(th[i], NULL);
        free(th);
    }
    rc = e.rc;
    if (rc != PQS_OK && e.detail[0])
        pqs_error_set(rc, "%s", e.detail);
    if (rc == PQS_OK && !e.finished) {
        /* Every group was claimed and written, so the final one was: not reached. */
        rc = pqs_error_set(PQS_E_INTERNAL, "the payload ended without its final chunk");
        e.failure = PQS_AGE_FAIL_OTHER;
    }
    if (rc == PQS_OK)
        age_payload_in_finish(&e.in);
    *failure = rc == PQS_OK ? PQS_AGE_OK : e.failure;
    engine_free(&e);
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
