/* The lane scheduler of xof_lanes.h. State words are lane-sliced as keccak_x4.h
 * describes: word i of lane j at s[i * L + j]. */
#include "hash/lanes_le.h"
#include "xof_lanes.h"

#include <string.h>

#include "hash/keccak_x4.h"
#include "native/x86_64/xof_avx2.h"
#include "pqsafe/common.h"

#define MAX_RATE PQS_XOF_BLOCK_MAX   /* SHAKE128, the widest rate */

typedef struct {
    size_t job;        /* index of the running job, or SIZE_MAX when free */
    size_t off;        /* message bytes absorbed so far */
    int squeezing;     /* the last permutation produced output */
} lane_state;


static size_t msg_len(const pqs_xof_job *j)
{
    return j->inlen[0] + j->inlen[1] + j->inlen[2];
}

/* n <= 8 message bytes from offset off, little-endian in a word (zeros above). */
static uint64_t msg_word(const pqs_xof_job *j, size_t off, size_t n)
{
    unsigned part = 0;
    while (off >= j->inlen[part]) {
        off -= j->inlen[part];
        part++;
    }
    if (n == 8 && off + 8 <= j->inlen[part])
        return pqs_load64_le(j->in[part] + off);
    uint64_t w = 0;
    for (size_t b = 0; b < n; b++, off++) {
        while (off >= j->inlen[part]) {
            off -= j->inlen[part];
            part++;
        }
        w |= (uint64_t)j->in[part][off] << (8 * b);
    }
    return w;
}

/* Whether the next block of the lane's message is available (see `ready`). */
static int block_ready(const pqs_xof_job *j, size_t off)
{
    size_t total = msg_len(j);
    size_t need = total - off < j->rate ? total : off + j->rate;
    return j->ready == NULL || *j->ready >= need;
}

/* One block of the absorb phase of lane j: the next rate bytes of the message, or the
 * rest of it with the padding (FIPS 202 section 5.1, with the domain bits), XORed into
 * the lane word by word. */
static void absorb_block(uint64_t *s, unsigned lanes, unsigned j, lane_state *ls,
                         const pqs_xof_job *job)
{
    size_t left = msg_len(job) - ls->off;
    size_t take = left < job->rate ? left : job->rate;
    size_t i = 0;
    /* The common case, the block within one part of the message: word loads. */
    unsigned part = 0;
    size_t at = ls->off;
    while (part < 2 && at >= job->inlen[part]) {
        at -= job->inlen[part];
        part++;
    }
    if (at + take <= job->inlen[part]) {
        for (; 8 * i + 8 <= take; i++)
            s[i * lanes + j] ^= pqs_load64_le(job->in[part] + at + 8 * i);
    }
    for (; 8 * i < take; i++) {
        size_t n = take - 8 * i < 8 ? take - 8 * i : 8;
        s[i * lanes + j] ^= msg_word(job, ls->off + 8 * i, n);
    }
    ls->off += take;
    if (take < job->rate) {
        s[(take / 8) * lanes + j] ^= (uint64_t)job->dsep << (8 * (take % 8));
        s[(job->rate / 8 - 1) * lanes + j] ^= (uint64_t)0x80 << 56;
        ls->squeezing = 1;
    }
}

/* The next job that may start (waiting, its `after` done, its first block ready), or
 * n. Jobs before `from` have all started. */
static size_t next_ready(const pqs_xof_job *jobs, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        if (jobs[i].state_ == 0 && (jobs[i].after == NULL || jobs[i].after->state_ == 2) &&
            block_ready(&jobs[i], 0))
            return i;
    }
    return n;
}

void pqs_xof_run(pqs_xof_job *jobs, size_t n)
{
    pqs_xof_run_hook(jobs, n, NULL, NULL);
}

void pqs_xof_run_hook(pqs_xof_job *jobs, size_t n, int (*hook)(void *), void *arg)
{
    uint64_t s[25 * PQS_KECCAK_MAX_LANES];
    uint64_t saved[PQS_KECCAK_MAX_LANES][25];
    lane_state ls[PQS_KECCAK_MAX_LANES];
    /* Output blocks of all lanes are copied out before any sink reads one, so the
     * sinks' wide loads do not wait on the narrow stores just made. */
    uint8_t blk[PQS_KECCAK_MAX_LANES][MAX_RATE];
    unsigned lanes = pqs_keccak_lanes();
    const int simd_extract = pqs_xof_extract_avx2_available() && lanes > 1 &&
                             (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
    size_t first = 0, active = 0;

    memset(s, 0, sizeof s);
    for (size_t i = 0; i < n; i++)
        jobs[i].state_ = 0;
    for (unsigned j = 0; j < lanes; j++)
        ls[j].job = SIZE_MAX;
    for (;;) {
        for (unsigned j = 0; j < lanes; j++) {
            if (ls[j].job != SIZE_MAX)
                continue;
            while (first < n && jobs[first].state_ != 0)
                first++;
            size_t next = next_ready(jobs, n, first);
            if (next == n)
                break;
            jobs[next].state_ = 1;
            ls[j].job = next;
            ls[j].off = 0;
            ls[j].squeezing = 0;
            for (unsigned i = 0; i < 25; i++)
                s[i * lanes + j] = 0;
            active++;
        }
        /* Absorb where a block is ready; a lane waiting for its message keeps its
         * state through the permutation. */
        unsigned stalled = 0, working = 0;
        for (unsigned j = 0; j < lanes; j++) {
            if (ls[j].job == SIZE_MAX)
                continue;
            const pqs_xof_job *job = &jobs[ls[j].job];
            if (ls[j].squeezing) {
                working++;
            } else if (block_ready(job, ls[j].off)) {
                absorb_block(s, lanes, j, &ls[j], job);
                working++;
            } else {
                stalled |= 1u << j;
                for (unsigned i = 0; i < 25; i++)
                    saved[j][i] = s[i * lanes + j];
            }
        }
        if (working == 0) {
            /* Nothing can run: all done, or every job waits for a message only the hook
             * produces; if it produces nothing, stop rather than spin. */
            if ((active == 0 && first == n) || hook == NULL || !hook(arg))
                break;
            continue;
        }
        pqs_keccakf1600_lanes(s, lanes);
        for (unsigned j = 0; j < lanes; j++) {
            if (stalled & (1u << j)) {
                for (unsigned i = 0; i < 25; i++)
                    s[i * lanes + j] = saved[j][i];
            }
        }
        /* The output blocks. With 4 or 8 lanes (the hash layer picks those only with
         * AVX2) each group of 4 lanes with a squeezing lane is copied at once by
         * transposes; the rows of lanes that do not squeeze are not read. */
        if (simd_extract && lanes % 4 == 0) {
            for (unsigned g = 0; g < lanes; g += 4) {
                unsigned any = 0;
                for (unsigned j = g; j < g + 4; j++)
                    any |= ls[j].job != SIZE_MAX && ls[j].squeezing;
                if (any)
                    pqs_xof_extract_avx2(blk + g, s + g, lanes, MAX_RATE / 8);
            }
        } else {
            for (unsigned j = 0; j < lanes; j++) {
                if (ls[j].job == SIZE_MAX || !ls[j].squeezing)
                    continue;
                for (unsigned i = 0; i < jobs[ls[j].job].rate / 8; i++)
                    pqs_store64_le(blk[j] + 8 * i, s[i * lanes + j]);
            }
        }
        for (unsigned j = 0; j < lanes; j++) {
            pqs_xof_job *job = ls[j].job != SIZE_MAX ? &jobs[ls[j].job] : NULL;
            if (job != NULL && ls[j].squeezing && job->sink(job->arg, blk[j], job->rate)) {
                job->state_ = 2;
                ls[j].job = SIZE_MAX;
                active--;
            }
        }
        if (hook != NULL)
            (void)hook(arg);
    }
    pqs_wipe(s, sizeof s);
    pqs_wipe(saved, sizeof saved);
    pqs_wipe(blk, sizeof blk);
}

int pqs_xof_sink_bytes(void *arg, const uint8_t *block, size_t len)
{
    pqs_xof_bytes *o = arg;
    size_t take = o->len - o->got < len ? o->len - o->got : len;
    memcpy(o->out + o->got, block, take);
    o->got += take;
    return o->got == o->len;
}

pqs_xof_job pqs_xof_job_bytes(unsigned rate, uint8_t dsep, const uint8_t *in, size_t inlen,
                              pqs_xof_bytes *o, uint8_t *out, size_t outlen)
{
    o->out = out;
    o->len = outlen;
    o->got = 0;
    return (pqs_xof_job){.rate = rate, .dsep = dsep, .in = {in, NULL, NULL},
                         .inlen = {inlen, 0, 0}, .sink = pqs_xof_sink_bytes, .arg = o};
}
