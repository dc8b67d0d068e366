/* The lane scheduler (hash/xof_lanes.h) in the situations its fast paths handle, each
 * output compared with the scalar sponge (hash/fips202.h):
 * - a long chain that runs alone (the single-state permutation, its state kept apart
 *   from the lane-sliced batch between rounds) and then beside new jobs and back alone;
 * - a chain that stalls on its message (the hook produces it a few bytes at a time)
 *   while other jobs run, alone or in a batch;
 * - jobs that finish while running alone, their lane reused by the next job;
 * - messages in several parts whose blocks span the parts at every offset (the gather
 *   path) and end at every position of the last word (padding);
 * - more jobs than lanes, chained with `after`.
 * Run on the native lanes, on the AVX2 lanes and on the portable path (CMakeLists). */
#include <string.h>

#include "hash/fips202.h"
#include "hash/keccak_x4.h"
#include "hash/xof_lanes.h"
#include "pqs_test.h"

#define MAXJ 20
#define MSG 1400

typedef struct {
    unsigned rate;
    uint8_t dsep;
    void (*init)(pqs_keccak_ctx *c);
} kind;

static const kind K128 = {PQS_SHAKE128_RATE, 0x1F, pqs_shake128_init};
static const kind K256 = {PQS_SHAKE256_RATE, 0x1F, pqs_shake256_init};
static const kind H256 = {PQS_SHA3_256_RATE, 0x06, pqs_sha3_256_init};
static const kind H512 = {PQS_SHA3_512_RATE, 0x06, pqs_sha3_512_init};

typedef struct {
    pqs_xof_job jobs[MAXJ];
    pqs_xof_bytes o[MAXJ];
    const kind *k[MAXJ];
    uint8_t msg[MAXJ][MSG], out[MAXJ][1000];
    size_t n;
    /* message growth through the hook: ready[j] grows by step[j] per call */
    size_t ready[MAXJ], step[MAXJ];
} batch;

static batch B;

/* Job j: hash of parts of the given lengths (cut from one random message), outlen
 * bytes of output. */
static void add_job(const kind *k, const size_t *parts, unsigned nparts, size_t outlen)
{
    size_t j = B.n++, off = 0;
    B.k[j] = k;
    B.jobs[j] = pqs_xof_job_bytes(k->rate, k->dsep, NULL, 0, &B.o[j], B.out[j], outlen);
    pqs_test_rand(B.msg[j], MSG);
    for (unsigned p = 0; p < nparts; p++) {
        B.jobs[j].in[p] = parts[p] > 0 ? B.msg[j] + off : NULL;
        B.jobs[j].inlen[p] = parts[p];
        off += parts[p];
    }
}

static int grow(void *arg)
{
    (void)arg;
    int more = 0;
    for (size_t j = 0; j < B.n; j++) {
        const pqs_xof_job *x = &B.jobs[j];
        size_t total = x->inlen[0] + x->inlen[1] + x->inlen[2];
        if (x->ready == NULL || B.ready[j] >= total)
            continue;
        B.ready[j] = B.ready[j] + B.step[j] < total ? B.ready[j] + B.step[j] : total;
        more = 1;
    }
    return more;
}

/* Job j's message grows by `step` bytes per round, from `start`. */
static void slow(size_t j, size_t start, size_t step)
{
    B.ready[j] = start;
    B.step[j] = step;
    B.jobs[j].ready = &B.ready[j];
}

/* Runs the batch and compares every output; returns the number of wrong ones. */
static int run_check(int with_hook)
{
    int bad = 0;
    uint8_t want[1000];
    if (with_hook)
        pqs_xof_run_hook(B.jobs, B.n, grow, NULL);
    else
        pqs_xof_run(B.jobs, B.n);
    for (size_t j = 0; j < B.n; j++) {
        pqs_keccak_ctx c;
        B.k[j]->init(&c);
        for (int p = 0; p < 3; p++) {
            if (B.jobs[j].inlen[p] > 0)
                pqs_keccak_absorb(&c, B.jobs[j].in[p], B.jobs[j].inlen[p]);
        }
        pqs_keccak_squeeze(&c, want, B.o[j].len);
        bad += B.jobs[j].state_ != 2 || B.o[j].got != B.o[j].len ||
               memcmp(B.out[j], want, B.o[j].len) != 0;
    }
    memset(&B, 0, sizeof B);
    return bad;
}

int main(void)
{
    unsigned lanes = pqs_keccak_lanes();
    size_t one[1], two[2], three[3];

    /* A chain alone for many rounds, then squeezing several blocks alone. */
    one[0] = 1184;
    add_job(&H256, one, 1, 32);
    CHECK(run_check(0) == 0, "a chain alone");
    one[0] = 40;
    add_job(&K128, one, 1, 5 * 168 + 7);
    CHECK(run_check(0) == 0, "a long squeeze alone");

    /* Alone, then beside short jobs that start when it stalls, then alone again. */
    for (size_t step = 1; step < 300; step += 37) {
        one[0] = 1184;
        add_job(&H256, one, 1, 32);
        slow(0, 136, step);
        for (unsigned i = 0; i < 2 * lanes + 1; i++) {
            one[0] = 34;
            add_job(i % 2 ? &K128 : &K256, one, 1, 1 + (97 * i) % 900);
        }
        CHECK(run_check(1) == 0, "a stalling chain beside others (step %zu)", step);
    }

    /* Two chains that stall in turn (fewer such jobs than lanes; one lane alone waits). */
    if (lanes > 2) {
        for (size_t step = 5; step < 200; step += 51) {
            one[0] = 700;
            add_job(&H256, one, 1, 32);
            slow(0, 0, step);
            one[0] = 500;
            add_job(&H512, one, 1, 64);
            slow(1, 72, step + 3);
            one[0] = 33;
            add_job(&K256, one, 1, 128);
            CHECK(run_check(1) == 0, "two stalling chains (step %zu)", step);
        }
    }

    /* Chains: each job's message is the output of the one before (all run alone). */
    one[0] = 300;
    add_job(&H256, one, 1, 32);
    for (unsigned i = 1; i < 6; i++) {
        B.jobs[B.n] = pqs_xof_job_bytes(H512.rate, H512.dsep, B.out[i - 1], 32, &B.o[B.n],
                                        B.out[B.n], 64);
        B.k[B.n] = &H512;
        B.jobs[B.n].after = &B.jobs[i - 1];
        B.n++;
    }
    CHECK(run_check(0) == 0, "a chain of jobs");

    /* More jobs than lanes, of different lengths: lanes free up at different rounds
     * and are reused, some rounds with a single lane at work. */
    for (unsigned i = 0; i < MAXJ; i++) {
        one[0] = (size_t)(i * 61) % 900;
        add_job(i % 3 ? &K128 : &H256, one, 1, 1 + (i * 131) % 599);
    }
    CHECK(run_check(0) == 0, "more jobs than lanes");

    /* Parts: every split of short messages across the rate boundary, every tail length. */
    int bad = 0;
    for (size_t a = 0; a <= 140; a += 7) {
        for (size_t b = 0; b <= 20; b++) {
            two[0] = a;
            two[1] = b;
            add_job(&H256, two, 2, 32);
            three[0] = b;
            three[1] = a;
            three[2] = 136 - (a % 136);
            add_job(&K256, three, 3, 200);
            bad += run_check(0);
        }
    }
    CHECK(bad == 0, "messages in parts: %d wrong", bad);
    return pqs_test_done("test_xof_lanes_sched");
}
