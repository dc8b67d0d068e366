/* K-PKE, the CPA-secure encryption scheme inside ML-KEM (FIPS 203 §5). Not for direct
 * use: only the ML-KEM algorithms of kem.c call it. Buffer sizes follow the params. */
#ifndef PQS_MLKEM_KPKE_H
#define PQS_MLKEM_KPKE_H

#include <stdint.h>

#include "params.h"
#include "poly.h"
#include "sampling.h"

/* A-hat (FIPS 203 Alg. 13 steps 3-7) or its transpose (Alg. 14 steps 4-8): entry
 * (i, j) at a[i * k + j], in the NTT domain, coefficients in [0, q). */
typedef struct {
    pqs_mlkem_poly a[PQS_MLKEM_K_MAX * PQS_MLKEM_K_MAX];
} pqs_mlkem_matrix;

/* Sampling jobs for a matrix (xof_lanes.h), and their state. */
typedef struct {
    pqs_mlkem_rej_job e[PQS_MLKEM_K_MAX * PQS_MLKEM_K_MAX];
} pqs_mlkem_matrix_jobs;

/* Fills jobs[0 .. k^2 - 1] that sample A-hat (transposed = 0) or A-hat^T (1) from rho
 * into a, with SampleNTT(rho || j || i) for A-hat[i][j]; returns k^2. rho is public by
 * design (the tail of ek). */
size_t pqs_mlkem_matrix_jobs_init(const pqs_mlkem_params *p, pqs_xof_job *jobs,
                                  pqs_mlkem_matrix_jobs *st, pqs_mlkem_matrix *a,
                                  const uint8_t rho[PQS_MLKEM_SYM_BYTES], int transposed);

/* Alg. 13: ek_PKE (384k + 32 bytes) and dk_PKE (384k bytes) from the 32-byte seed d;
 * also hek = H(ek_PKE), which ML-KEM.KeyGen (Alg. 16 step 3) needs and which is hashed
 * here alongside the sampling. */
void pqs_mlkem_kpke_keygen(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                           const uint8_t d[PQS_MLKEM_SYM_BYTES],
                           uint8_t hek[PQS_MLKEM_SYM_BYTES]);
/* The noise of K-PKE.Encrypt (Alg. 14 steps 9-17): y (eta1), e1 and e2 (eta2) from
 * PRF(r, 0 .. 2k), sampled by jobs so that callers can run them with other hashing. */
typedef struct {
    pqs_mlkem_poly y[PQS_MLKEM_K_MAX], e1[PQS_MLKEM_K_MAX], e2;
    pqs_mlkem_cbd_job st[2 * PQS_MLKEM_K_MAX + 1];
} pqs_mlkem_noise;

/* Fills jobs[0 .. 2k] for the noise from r, read when the jobs start (r may be the
 * output of a job they run after); returns 2k + 1. */
size_t pqs_mlkem_noise_jobs_init(const pqs_mlkem_params *p, pqs_xof_job *jobs,
                                 pqs_mlkem_noise *nz, const uint8_t r[PQS_MLKEM_SYM_BYTES]);

/* Alg. 14: c (ct_bytes) = Encrypt(ek_PKE, m, r), with at = A-hat^T sampled from the rho
 * of ek (pqs_mlkem_matrix_jobs_init, transposed) and nz the noise sampled from r. ek may
 * be any bytes (ByteDecode_12 reduces mod q); the §7.2 check is the caller's. Wipes nz. */
void pqs_mlkem_kpke_encrypt(const pqs_mlkem_params *p, uint8_t *c, const uint8_t *ek,
                            const uint8_t m[PQS_MLKEM_SYM_BYTES], pqs_mlkem_noise *nz,
                            const pqs_mlkem_matrix *at);
/* Alg. 15: m = Decrypt(dk_PKE, c). */
void pqs_mlkem_kpke_decrypt(const pqs_mlkem_params *p, uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t *dk, const uint8_t *c);

#endif
