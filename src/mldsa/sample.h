/* Pseudorandom sampling for ML-DSA (FIPS 204 section 7.3, Algorithms 29-34). Every
 * sampler is also a job for the lane scheduler (mlkem/xof_lanes.h, to move to
 * src/hash), so that independent samplers and hashes run side by side in the lanes of
 * the batched Keccak permutation; the plain functions run their jobs alone. */
#ifndef PQS_MLDSA_SAMPLE_H
#define PQS_MLDSA_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "mldsa/challenge.h"
#include "mldsa/params.h"
#include "hash/xof_lanes.h"

struct pqs_mldsa_backend;

/* Algorithm 32 (ExpandA, with RejNTTPoly, Algorithm 30): A-hat in the NTT domain,
 * coefficients in [0, q). rho is public. */
void pqs_mldsa_expand_a(const pqs_mldsa_params *p,
                        pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                        const uint8_t rho[PQS_MLDSA_SEED_BYTES]);

/* Algorithm 33 (ExpandS, with RejBoundedPoly, Algorithm 31): s1 (l) and s2 (k) with
 * coefficients in [-eta, eta]. rho' is secret; only accept/reject decisions leak. */
void pqs_mldsa_expand_s(const pqs_mldsa_params *p, pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                        pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                        const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES]);

/* Algorithm 34 (ExpandMask): y with coefficients in (-gamma1, gamma1], from rho'' and
 * the counter kappa. Constant time. */
void pqs_mldsa_expand_mask(const pqs_mldsa_params *p, pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                           const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa);

/* Algorithm 29 (SampleInBall): c with tau coefficients +-1, from ctilde_bytes of c~.
 * c~ must be public (declassified): the sampler branches on it. */
void pqs_mldsa_sample_in_ball(const pqs_mldsa_params *p, pqs_mldsa_poly *c,
                              const uint8_t *ctilde);

/* ---- The samplers as jobs (xof_lanes.h). A job's state must stay in place until the
 * run ends; outputs are complete then. Secret states wipe themselves when done. */

typedef struct {   /* RejNTTPoly */
    uint8_t seed[PQS_MLDSA_SEED_BYTES + 2];
    pqs_mldsa_poly *a;
    unsigned ctr;
    const struct pqs_mldsa_backend *be;
} pqs_mldsa_rej_job;

typedef struct {   /* RejBoundedPoly */
    uint8_t seed[PQS_MLDSA_RHOPP_BYTES + 2];
    pqs_mldsa_poly *a;
    unsigned ctr, eta;
    const struct pqs_mldsa_backend *be;
} pqs_mldsa_eta_job;

typedef struct {   /* one polynomial of ExpandMask */
    uint8_t nonce[2];
    uint8_t buf[32 * 20];
    size_t got;
    const pqs_mldsa_params *p;
    pqs_mldsa_poly *y;
    const struct pqs_mldsa_backend *be;
} pqs_mldsa_mask_job;

typedef struct {   /* SampleInBall */
    const pqs_mldsa_params *p;
    pqs_mldsa_poly *c;
    pqs_mldsa_challenge *list;       /* optional: c's terms, built as c is */
    uint8_t slot[PQS_MLDSA_N];       /* list index of each nonzero position */
    uint64_t signs;
    unsigned i;
    int started;
} pqs_mldsa_ball_job;

/* Each fills jobs[] and returns how many: k l, l + k, l. rho and rho' are copied; rho''
 * is read when the mask jobs start (it may be the output of a job they run after). */
size_t pqs_mldsa_expand_a_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                               pqs_mldsa_rej_job st[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX],
                               pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                               const uint8_t rho[PQS_MLDSA_SEED_BYTES]);
size_t pqs_mldsa_expand_s_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                               pqs_mldsa_eta_job st[PQS_MLDSA_KMAX + PQS_MLDSA_LMAX],
                               pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                               pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                               const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES]);
size_t pqs_mldsa_expand_mask_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                                  pqs_mldsa_mask_job st[PQS_MLDSA_LMAX],
                                  pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                                  const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa);
/* SampleInBall from c~ = ctilde (read when the job starts: it may be the output of a job
 * it runs after). With list non-NULL, also the terms of c (challenge.h), in the order the
 * sampler places them. */
pqs_xof_job pqs_mldsa_sample_in_ball_job(const pqs_mldsa_params *p, pqs_mldsa_ball_job *st,
                                         pqs_mldsa_poly *c, pqs_mldsa_challenge *list,
                                         const uint8_t *ctilde);

/* ---- The arithmetic halves, for the backends (backend.h). */

/* Algorithm 30 steps 4-10 on len bytes of XOF output (len a multiple of 3): appends
 * the accepted coefficients to a[ctr ..] until 256 are held; returns the new count.
 * Public data. */
unsigned pqs_mldsa_rej_uniform(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len);
/* Algorithm 31 steps 4-13 on len <= 136 bytes: the same for [-eta, eta]. The values
 * are secret, the accept decisions public (declassified). */
unsigned pqs_mldsa_rej_eta(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len,
                           unsigned eta);

#endif
