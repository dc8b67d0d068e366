/* ML-DSA parameter sets (FIPS 204 section 4, Table 1 and Table 2) as data: one source
 * serves ML-DSA-44/65/87, and every stack array is sized for the largest set. */
#ifndef PQS_MLDSA_PARAMS_H
#define PQS_MLDSA_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#define PQS_MLDSA_N 256
#define PQS_MLDSA_Q 8380417
#define PQS_MLDSA_D 13              /* dropped bits of t (Table 1) */
#define PQS_MLDSA_KMAX 8
#define PQS_MLDSA_LMAX 7
#define PQS_MLDSA_SEED_BYTES 32     /* xi, rho, K */
#define PQS_MLDSA_TR_BYTES 64
#define PQS_MLDSA_MU_BYTES 64
#define PQS_MLDSA_RHOPP_BYTES 64    /* rho' (KeyGen) and rho'' (Sign) */
#define PQS_MLDSA_RND_BYTES 32
#define PQS_MLDSA_CTILDE_MAX 64     /* lambda/4 for lambda = 256 */
#define PQS_MLDSA_W1_POLY_MAX 192   /* 32 * 6 bytes: w1Encode of one polynomial */

typedef struct {
    int32_t c[PQS_MLDSA_N];
} pqs_mldsa_poly;

typedef struct pqs_mldsa_params {
    const char *name;
    unsigned k, l;                /* A is k x l */
    unsigned eta;                 /* private key range */
    unsigned tau;                 /* number of +-1 in the challenge c */
    unsigned beta;                /* tau * eta */
    unsigned omega;               /* maximum number of 1s in the hint */
    unsigned ctilde_bytes;        /* lambda / 4 */
    int32_t gamma1;               /* coefficient range of y */
    int32_t gamma2;               /* low-order rounding range */
    /* Derived constants, kept here so the hot loops never divide. */
    unsigned eta_bits;            /* bitlen(2 eta): 3 or 4 */
    unsigned z_bits;              /* 1 + bitlen(gamma1 - 1): 18 or 20 */
    unsigned w1_bits;             /* bitlen((q-1)/(2 gamma2) - 1): 6 or 4 */
    int32_t w1_max;               /* m = (q-1)/(2 gamma2): 44 or 16 */
    uint64_t decompose_mul;       /* ceil(2^48 / (2 gamma2)), see rounding.c */
    size_t pk_bytes, sk_bytes, sig_bytes;
} pqs_mldsa_params;

extern const pqs_mldsa_params pqs_mldsa44;
extern const pqs_mldsa_params pqs_mldsa65;
extern const pqs_mldsa_params pqs_mldsa87;

#endif
