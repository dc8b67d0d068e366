/* Sampling polynomials (FIPS 203 §4.2.2): SampleNTT (Alg. 7) for the public matrix and
 * SamplePolyCBD (Alg. 8) over PRF (eq. 4.3) for the secret and error vectors. */
#ifndef PQS_MLKEM_SAMPLING_H
#define PQS_MLKEM_SAMPLING_H

#include <stddef.h>
#include <stdint.h>

#include "poly.h"
#include "hash/xof_lanes.h"

struct pqs_mlkem_backend;

/* a = SampleNTT(rho || j || i) with seed = rho || j || i (34 bytes). Rejection sampling
 * on SHAKE128: the loop count depends on the public seed only. Output in [0, q). */
void pqs_mlkem_sample_ntt(pqs_mlkem_poly *a, const uint8_t seed[PQS_MLKEM_SYM_BYTES + 2]);

/* r = SamplePolyCBD_eta(PRF_eta(sigma, nonce)), eta in {2, 3}; output in [-eta, eta].
 * Constant time in sigma. */
void pqs_mlkem_sample_cbd(pqs_mlkem_poly *r, const uint8_t sigma[PQS_MLKEM_SYM_BYTES],
                          uint8_t nonce, unsigned eta);

/* The same samplers as jobs for pqs_xof_run (xof_lanes.h), to run many side by side.
 * The state must stay in place until the run ends; the output is complete then. */
typedef struct {
    uint8_t seed[PQS_MLKEM_SYM_BYTES + 2];
    pqs_mlkem_poly *a;
    unsigned ctr;
    const struct pqs_mlkem_backend *be;
} pqs_mlkem_rej_job;

typedef struct {
    uint8_t nonce[1];                      /* N of PRF(sigma, N) */
    uint8_t buf[64 * 3];
    size_t got;
    unsigned eta;
    pqs_mlkem_poly *r;
    const struct pqs_mlkem_backend *be;
} pqs_mlkem_cbd_job;

pqs_xof_job pqs_mlkem_sample_ntt_job(pqs_mlkem_rej_job *st, pqs_mlkem_poly *a,
                                     const uint8_t seed[PQS_MLKEM_SYM_BYTES + 2]);
/* sigma is read when the job starts (it may be the output of a job it runs after) and
 * must stay in place; the job wipes the PRF output when done. */
pqs_xof_job pqs_mlkem_sample_cbd_job(pqs_mlkem_cbd_job *st, pqs_mlkem_poly *r,
                                     const uint8_t sigma[PQS_MLKEM_SYM_BYTES], uint8_t nonce,
                                     unsigned eta);

/* The arithmetic halves, for the backends (backend.h): */
/* Alg. 7 steps 4-14 on len bytes of XOF output (len a multiple of 3): appends accepted
 * values to a[ctr ..] until 256 are held; returns the new count. Public data. */
unsigned pqs_mlkem_rej_uniform(int16_t *a, unsigned ctr, const uint8_t *buf, size_t len);
/* Alg. 8 on 64 eta bytes of PRF output; eta in {2, 3}. Constant time. */
void pqs_mlkem_cbd(pqs_mlkem_poly *r, const uint8_t *buf, unsigned eta);

#endif
