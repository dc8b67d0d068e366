/* Independent SHA-3 / SHAKE computations run side by side in the lanes of the batched
 * Keccak permutation (hash/keccak_x4.h): a small job scheduler. Each job is one sponge
 * (FIPS 202 Algorithm 8) with its own rate, padding, message and length of output, so
 * one batch can hash a long message in one lane while other lanes squeeze rejection
 * samplers: what matters is the number of permutation rounds, and a batch of 8 (AVX-512)
 * or 4 (AVX2) states costs about as much as one state.
 *
 * Only src/hash is used, nothing of ML-KEM: this belongs in src/hash and is meant to
 * move there (then ML-DSA can share it); until then ML-KEM owns it. */
#ifndef PQS_HASH_XOF_LANES_H
#define PQS_HASH_XOF_LANES_H

#include <stddef.h>
#include <stdint.h>

#include "hash/fips202.h"

typedef struct pqs_xof_job {
    unsigned rate;               /* bytes: PQS_SHAKE128_RATE, PQS_SHA3_256_RATE, ... */
    uint8_t dsep;                /* 0x1F SHAKE, 0x06 SHA-3 (FIPS 202 section 6) */
    const uint8_t *in[3];        /* the message in[0] || in[1] || in[2] */
    size_t inlen[3];
    /* Called with each output block (rate bytes), in order, until it returns nonzero.
     * Secrets in the output must not decide the return value (only public facts, such
     * as a count of bytes or a declassified rejection count). */
    int (*sink)(void *arg, const uint8_t *block, size_t len);
    void *arg;
    /* Optional: a job of the same run that must finish first (its output may be this
     * job's message). */
    const struct pqs_xof_job *after;
    /* Optional: how many bytes of the message exist so far (NULL: all of it), for a
     * message produced while the run goes on (by the hook below). The job waits for
     * each block, its lane left unchanged by the permutations meanwhile; so it holds a
     * lane, and fewer such jobs than lanes may wait at once (with a single lane, the
     * portable path, it starts only once its whole message exists). */
    const size_t *ready;
    int state_;                  /* the scheduler's: 0 waiting, 1 running, 2 done */
} pqs_xof_job;

/* Runs every job to completion, in the lanes of the widest batched permutation of this
 * CPU (one lane at a time on the portable path), starting them in array order as lanes
 * free up (a job waits for its `after`): put the longest chains first. A round with one
 * lane at work (a long chain finishing alone) takes the single-state permutation, which
 * is faster than a batch. Wipes its state (lanes and buffers). */
void pqs_xof_run(pqs_xof_job *jobs, size_t n);
/* The same, calling hook(arg) after every round (permutation and sinks), e.g. to produce
 * more of a message that a job waits for, and whenever no job can run. The hook returns
 * nonzero when it produced something (only then are waiting jobs looked at again); if it
 * did not while nothing could run, the jobs wait for what never comes (a caller's
 * error) and the run stops with them unfinished. */
void pqs_xof_run_hook(pqs_xof_job *jobs, size_t n, int (*hook)(void *), void *arg);

/* A sink that copies the first `len` bytes of output to `out`. */
typedef struct {
    uint8_t *out;
    size_t len, got;
} pqs_xof_bytes;
int pqs_xof_sink_bytes(void *arg, const uint8_t *block, size_t len);

/* A job for SHA-3 / SHAKE of in (one part), writing outlen bytes to *o (which must
 * outlive the run). */
pqs_xof_job pqs_xof_job_bytes(unsigned rate, uint8_t dsep, const uint8_t *in, size_t inlen,
                              pqs_xof_bytes *o, uint8_t *out, size_t outlen);

#endif
