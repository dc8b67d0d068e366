/* The lane scheduler (mlkem/xof_lanes.h) against the scalar sponge (hash/fips202.h):
 * batches of random jobs (SHAKE128/256, SHA3-256/512), messages of random lengths in
 * up to three parts (empty, block-sized and longer ones included), outputs of random
 * lengths, chains of jobs (`after`) whose message is an earlier job's output, and
 * messages produced round by round through the hook (`ready`). Every output must be
 * the one-shot hash of its message. Run on the native lanes and, again, portable. */
#include <stdlib.h>
#include <string.h>

#include "hash/fips202.h"
#include "hash/keccak_x4.h"
#include "hash/xof_lanes.h"
#include "pqs_test.h"

#define MAX_JOBS 24
#define MAX_MSG 700
#define MAX_OUT 400

typedef struct {
    unsigned rate;
    uint8_t dsep;
    void (*init)(pqs_keccak_ctx *c);
} kind;

static const kind KINDS[] = {
    {PQS_SHAKE128_RATE, 0x1F, pqs_shake128_init}, {PQS_SHAKE256_RATE, 0x1F, pqs_shake256_init},
    {PQS_SHA3_256_RATE, 0x06, pqs_sha3_256_init}, {PQS_SHA3_512_RATE, 0x06, pqs_sha3_512_init}};

static unsigned rnd(unsigned n)
{
    uint8_t b[4];
    pqs_test_rand(b, 4);
    return ((unsigned)b[0] | (unsigned)b[1] << 8 | (unsigned)b[2] << 16) % n;
}

/* The scalar sponge: outlen bytes of the hash of a || b || c. */
static void reference(const kind *k, uint8_t *out, size_t outlen, const uint8_t *const in[3],
                      const size_t len[3])
{
    pqs_keccak_ctx c;
    k->init(&c);
    for (int i = 0; i < 3; i++) {
        if (len[i] > 0)
            pqs_keccak_absorb(&c, in[i], len[i]);
    }
    pqs_keccak_squeeze(&c, out, outlen);
}

/* The hook's state: message m of job j grows by `step` bytes after every round. */
typedef struct {
    size_t ready[MAX_JOBS], total[MAX_JOBS], step[MAX_JOBS];
} grow_state;

static int grow(void *arg)
{
    grow_state *g = arg;
    int more = 0;
    for (int j = 0; j < MAX_JOBS; j++) {
        more |= g->ready[j] < g->total[j];
        g->ready[j] += g->step[j];
        if (g->ready[j] > g->total[j])
            g->ready[j] = g->total[j];
    }
    return more;
}

static int run_batch(int it)
{
    static uint8_t msg[MAX_JOBS][3][MAX_MSG], out[MAX_JOBS][MAX_OUT], want[MAX_OUT];
    pqs_xof_job jobs[MAX_JOBS];
    pqs_xof_bytes o[MAX_JOBS];
    const kind *k[MAX_JOBS];
    grow_state g;
    unsigned n = 1 + rnd(MAX_JOBS);
    int use_hook = it % 3 == 0, bad = 0;

    memset(&g, 0, sizeof g);
    for (unsigned j = 0; j < n; j++) {
        k[j] = &KINDS[rnd(4)];
        size_t outlen = 1 + rnd(MAX_OUT);
        jobs[j] = pqs_xof_job_bytes(k[j]->rate, k[j]->dsep, NULL, 0, &o[j], out[j], outlen);
        for (int part = 0; part < 3; part++) {
            /* lengths around the rate and its multiples as well as random ones */
            unsigned r = k[j]->rate;
            size_t len = rnd(4) == 0 ? (size_t)rnd(3) * r + rnd(3) : rnd(MAX_MSG / 3);
            if (rnd(4) == 0)
                len = 0;
            pqs_test_rand(msg[j][part], len);
            jobs[j].in[part] = len > 0 ? msg[j][part] : NULL;
            jobs[j].inlen[part] = len;
        }
        /* A chain: this job's first part is the first bytes of an earlier job's output. */
        if (j > 0 && rnd(4) == 0) {
            unsigned a = rnd(j);
            size_t len = o[a].len < 64 ? o[a].len : 64;
            jobs[j].in[0] = out[a];
            jobs[j].inlen[0] = len;
            jobs[j].after = &jobs[a];
        }
        if (use_hook && rnd(3) == 0) {
            g.total[j] = jobs[j].inlen[0] + jobs[j].inlen[1] + jobs[j].inlen[2];
            g.step[j] = 1 + rnd(2 * k[j]->rate);
            g.ready[j] = rnd(2) ? 0 : g.step[j];
            jobs[j].ready = &g.ready[j];
        }
    }
    if (use_hook)
        pqs_xof_run_hook(jobs, n, grow, &g);
    else
        pqs_xof_run(jobs, n);
    for (unsigned j = 0; j < n; j++) {
        reference(k[j], want, o[j].len, jobs[j].in, jobs[j].inlen);
        bad += o[j].got != o[j].len || memcmp(out[j], want, o[j].len) != 0;
    }
    return bad;
}

int main(void)
{
    int bad = 0;
    for (int it = 0; it < 600; it++)
        bad += run_batch(it);
    CHECK(bad == 0, "%d job outputs differ from the scalar sponge (%u lanes)", bad,
          pqs_keccak_lanes());
    return pqs_test_done("test_mlkem_xof");
}
