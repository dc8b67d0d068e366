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


/* Index of the lowest set bit of a lane mask b != 0. */
static unsigned low_bit(unsigned b)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(b);
#else
    unsigned j = 0;
    while (!((b >> j) & 1u))
        j++;
    return j;
#endif
}

static size_t msg_len(const pqs_xof_job *j)
{
    return j->inlen[0] + j->inlen[1] + j->inlen[2];
}

/* Whether the next block of the lane's message is available (see `ready`). */
static int block_ready(const pqs_xof_job *j, size_t off)
{
    size_t total = msg_len(j);
    size_t need = total - off < j->rate ? total : off + j->rate;
    return j->ready == NULL || *j->ready >= need;
}

/* One block of the absorb phase of a lane whose word i is w[i * stride]: the next rate
 * bytes of the message, or the rest of it with the padding (FIPS 202 section 5.1, with
 * the domain bits), XORed in word by word. A block within one part of the message is
 * read in place; one that spans parts (a short message of two parts, such as
 * sigma || N) is gathered first. */
static void absorb_block(uint64_t *w, size_t stride, lane_state *ls, const pqs_xof_job *job)
{
    size_t left = msg_len(job) - ls->off;
    size_t take = left < job->rate ? left : job->rate;
    uint8_t tmp[MAX_RATE];
    const uint8_t *src = tmp;
    unsigned part = 0;
    size_t at = ls->off;
    while (part < 2 && at >= job->inlen[part]) {
        at -= job->inlen[part];
        part++;
    }
    int gathered = 0;
    if (take == 0) {
        /* only the padding */
    } else if (at + take <= job->inlen[part]) {
        src = job->in[part] + at;
    } else {
        for (size_t got = 0; got < take; part++, at = 0) {
            size_t n = job->inlen[part] - at;
            n = n < take - got ? n : take - got;
            if (n > 0)
                memcpy(tmp + got, job->in[part] + at, n);
            got += n;
        }
        gathered = 1;
    }
    size_t i = 0;
    for (; 8 * i + 8 <= take; i++)
        w[i * stride] ^= pqs_load64_le(src + 8 * i);
    if (8 * i < take) {
        /* the last bytes, by shifts (a narrow copy and a wide load would stall) */
        uint64_t t = 0;
        for (size_t k = 0; 8 * i + k < take; k++)
            t |= (uint64_t)src[8 * i + k] << (8 * k);
        w[i * stride] ^= t;
    }
    if (gathered)
        pqs_wipe(tmp, take);
    ls->off += take;
    if (take < job->rate) {
        w[(take / 8) * stride] ^= (uint64_t)job->dsep << (8 * (take % 8));
        w[(job->rate / 8 - 1) * stride] ^= (uint64_t)0x80 << 56;
        ls->squeezing = 1;
    }
}

/* The next job that may start (waiting, its `after` done, its first block ready), or
 * n. Jobs before `from` have all started. With a single lane a job that waits for its
 * message in the middle would hold the only lane while the jobs that produce the
 * message (through the hook) cannot run: there it starts only once all of it exists. */
static size_t next_ready(const pqs_xof_job *jobs, size_t n, size_t from, unsigned lanes)
{
    for (size_t i = from; i < n; i++) {
        if (jobs[i].state_ == 0 && (jobs[i].after == NULL || jobs[i].after->state_ == 2) &&
            (lanes == 1 ? jobs[i].ready == NULL || *jobs[i].ready >= msg_len(&jobs[i])
                        : block_ready(&jobs[i], 0)))
            return i;
    }
    return n;
}

void pqs_xof_run(pqs_xof_job *jobs, size_t n)
{
    pqs_xof_run_hook(jobs, n, NULL, NULL);
}

/* Starts waiting jobs in the free lanes (bits of *free), in array order; returns the
 * lanes started. */
static unsigned start_jobs(pqs_xof_job *jobs, size_t n, size_t *first, uint64_t *s,
                           unsigned lanes, lane_state *ls, unsigned *free)
{
    unsigned started = 0;
    while (*free != 0) {
        while (*first < n && jobs[*first].state_ != 0)
            (*first)++;
        size_t next = next_ready(jobs, n, *first, lanes);
        if (next == n)
            break;
        unsigned j = low_bit(*free);
        jobs[next].state_ = 1;
        ls[j].job = next;
        ls[j].off = 0;
        ls[j].squeezing = 0;
        *free &= ~(1u << j);
        started |= 1u << j;
    }
    /* The new lanes start from the zero state: lane by lane for one or two, else one
     * masked pass over the words. */
    unsigned rest = started & (started - 1);   /* without the lowest lane */
    if (started != 0 && (rest & (rest - 1)) == 0) {
        for (unsigned b = started; b != 0; b &= b - 1) {
            unsigned j = low_bit(b);
            for (unsigned i = 0; i < 25; i++)
                s[i * lanes + j] = 0;
        }
    } else if (started != 0) {
        uint64_t keep[PQS_KECCAK_MAX_LANES];
        for (unsigned j = 0; j < lanes; j++)
            keep[j] = ((started >> j) & 1u) - (uint64_t)1;
        if (lanes == PQS_KECCAK_MAX_LANES) {   /* a constant width: vector ANDs */
            for (unsigned i = 0; i < 25; i++) {
                for (unsigned j = 0; j < PQS_KECCAK_MAX_LANES; j++)
                    s[i * PQS_KECCAK_MAX_LANES + j] &= keep[j];
            }
        } else {
            for (unsigned i = 0; i < 25; i++) {
                for (unsigned j = 0; j < lanes; j++)
                    s[i * lanes + j] &= keep[j];
            }
        }
    }
    return started;
}

/* Lane j of s to and from a contiguous state. */
static void lane_get(uint64_t t[25], const uint64_t *s, unsigned lanes, unsigned j)
{
    for (unsigned i = 0; i < 25; i++)
        t[i] = s[i * lanes + j];
}

static void lane_put(uint64_t *s, unsigned lanes, unsigned j, const uint64_t t[25])
{
    for (unsigned i = 0; i < 25; i++)
        s[i * lanes + j] = t[i];
}

void pqs_xof_run_hook(pqs_xof_job *jobs, size_t n, int (*hook)(void *), void *arg)
{
    uint64_t s[25 * PQS_KECCAK_MAX_LANES];
    uint64_t saved[PQS_KECCAK_MAX_LANES][25];
    /* A lane at work alone goes through the scalar permutation (the latency-optimised
     * one, about twice as fast as a batch) in `one`, and stays there while it keeps
     * working alone (a serial chain such as H(ek)): `held` is that lane, its column of
     * s stale meanwhile, or -1. Its output block is `one` itself, read in place. */
    uint64_t one[25];
    int held = -1;
    lane_state ls[PQS_KECCAK_MAX_LANES];
    /* Output blocks of all lanes are copied out before any sink reads one, so the
     * sinks' wide loads do not wait on the narrow stores just made. */
    uint8_t blk[PQS_KECCAK_MAX_LANES][MAX_RATE];
    unsigned lanes = pqs_keccak_lanes();
    const int le = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
    const int simd_extract = pqs_xof_extract_avx2_available() && lanes > 1 && le;
    const unsigned all = lanes >= 32 ? ~0u : (1u << lanes) - 1;
    unsigned free = all;
    unsigned used_saved = 0, used_blk = 0, used_one = 0;
    size_t first = 0;
    /* Jobs are looked for only when one may have become ready: at the start, when a
     * job finished, when the hook produced something. */
    int rescan = 1;

    memset(s, 0, sizeof s);   /* lanes never started are permuted too */
    for (size_t i = 0; i < n; i++)
        jobs[i].state_ = 0;
    for (unsigned j = 0; j < lanes; j++)
        ls[j].job = SIZE_MAX;
    for (;;) {
        if (rescan && free != 0)
            (void)start_jobs(jobs, n, &first, s, lanes, ls, &free);
        rescan = 0;
        /* The lanes at work: squeezing, or with a block of message ready; a lane
         * waiting for its message keeps its state through the permutation. Which
         * lanes work is public (message lengths and how much of them exists). */
        unsigned busy = ~free & all;
        unsigned work = 0, squeeze = 0, stalled = 0;
        for (unsigned b = busy; b != 0; b &= b - 1) {
            unsigned j = low_bit(b);
            if (ls[j].squeezing || block_ready(&jobs[ls[j].job], ls[j].off))
                work |= 1u << j;
            else
                stalled |= 1u << j;
        }
        if (work == 0) {
            /* Nothing can run: all done, or every job waits for a message only the hook
             * produces; if it produces nothing, stop rather than spin. */
            if ((busy == 0 && first == n) || hook == NULL || !hook(arg))
                break;
            rescan = 1;
            continue;
        }
        const uint8_t *out[PQS_KECCAK_MAX_LANES];
        if ((work & (work - 1)) == 0) {
            unsigned j = low_bit(work);
            if (held != (int)j) {
                if (held >= 0)
                    lane_put(s, lanes, (unsigned)held, one);
                lane_get(one, s, lanes, j);
                held = (int)j;
                used_one = 1;
            }
            if (!ls[j].squeezing)
                absorb_block(one, 1, &ls[j], &jobs[ls[j].job]);
            pqs_keccakf1600(one);
            squeeze = (unsigned)ls[j].squeezing << j;
            if (le) {
                out[j] = (const uint8_t *)one;
            } else {
                for (unsigned i = 0; i < MAX_RATE / 8; i++)
                    pqs_store64_le(blk[j] + 8 * i, one[i]);
                out[j] = blk[j];
                used_blk = 1;
            }
        } else {
            if (held >= 0) {
                lane_put(s, lanes, (unsigned)held, one);
                held = -1;
            }
            for (unsigned b = work; b != 0; b &= b - 1) {
                unsigned j = low_bit(b);
                if (!ls[j].squeezing)
                    absorb_block(s + j, lanes, &ls[j], &jobs[ls[j].job]);
                /* after this permutation the lane has output */
                squeeze |= (unsigned)ls[j].squeezing << j;
            }
            for (unsigned b = stalled; b != 0; b &= b - 1)
                lane_get(saved[low_bit(b)], s, lanes, low_bit(b));
            pqs_keccakf1600_lanes(s, lanes);
            for (unsigned b = stalled; b != 0; b &= b - 1)
                lane_put(s, lanes, low_bit(b), saved[low_bit(b)]);
            used_saved |= stalled;
            /* The output blocks. With 4 or 8 lanes (the hash layer picks those only
             * with AVX2) each group of 4 lanes with a squeezing lane is copied at once
             * by transposes. */
            if (simd_extract && lanes % 4 == 0) {
                for (unsigned g = 0; g < lanes; g += 4) {
                    if ((squeeze >> g) & 0xFu)
                        pqs_xof_extract_avx2(blk + g, s + g, lanes, MAX_RATE / 8);
                }
            } else {
                for (unsigned b = squeeze; b != 0; b &= b - 1) {
                    unsigned j = low_bit(b);
                    for (unsigned i = 0; i < jobs[ls[j].job].rate / 8; i++)
                        pqs_store64_le(blk[j] + 8 * i, s[i * lanes + j]);
                }
            }
            for (unsigned b = squeeze; b != 0; b &= b - 1)
                out[low_bit(b)] = blk[low_bit(b)];
            used_blk |= squeeze != 0;
        }
        for (unsigned b = squeeze; b != 0; b &= b - 1) {
            unsigned j = low_bit(b);
            pqs_xof_job *job = &jobs[ls[j].job];
            if (job->sink(job->arg, out[j], job->rate)) {
                job->state_ = 2;
                ls[j].job = SIZE_MAX;
                free |= 1u << j;
                rescan = 1;
                if (held == (int)j)
                    held = -1;   /* its state is no longer needed */
            }
        }
        if (hook != NULL && hook(arg))
            rescan = 1;
    }
    /* Wipe what held states or output: the lanes that ran, the copies made. */
    pqs_wipe(s, sizeof s);
    for (unsigned b = used_saved; b != 0; b &= b - 1)
        pqs_wipe(saved[low_bit(b)], sizeof saved[0]);
    if (used_blk)
        pqs_wipe(blk, sizeof blk);
    if (used_one)
        pqs_wipe(one, sizeof one);
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
