/* ML-KEM parameter sets (FIPS 203 §8, Table 2) as data: one source serves all three. */
#ifndef PQS_MLKEM_PARAMS_H
#define PQS_MLKEM_PARAMS_H

#include <stddef.h>

#define PQS_MLKEM_N 256
#define PQS_MLKEM_Q 3329
#define PQS_MLKEM_K_MAX 4
#define PQS_MLKEM_SYM_BYTES 32            /* d, z, m, rho, sigma, H(ek), K */
#define PQS_MLKEM_POLY_BYTES 384          /* ByteEncode_12 of one polynomial */

/* Largest sizes over the three sets, for stack buffers (ML-KEM-1024). */
#define PQS_MLKEM_EK_MAX (PQS_MLKEM_POLY_BYTES * PQS_MLKEM_K_MAX + 32)
#define PQS_MLKEM_DK_MAX (2 * PQS_MLKEM_POLY_BYTES * PQS_MLKEM_K_MAX + 96)
#define PQS_MLKEM_CT_MAX (32 * (11 * PQS_MLKEM_K_MAX + 5))

typedef struct pqs_mlkem_params {
    const char *name;       /* "ML-KEM-768" */
    unsigned k;             /* rank of the module: 2, 3, 4 */
    unsigned eta1, eta2;    /* CBD widths for s, e, y (eta1) and e1, e2 (eta2) */
    unsigned du, dv;        /* ciphertext compression of u and v */
    size_t ek_bytes;        /* 384k + 32 */
    size_t dk_bytes;        /* 768k + 96 */
    size_t ct_bytes;        /* 32 (du k + dv) */
} pqs_mlkem_params;

extern const pqs_mlkem_params pqs_mlkem512;
extern const pqs_mlkem_params pqs_mlkem768;
extern const pqs_mlkem_params pqs_mlkem1024;

#endif
