/* SLH-DSA (FIPS 205): the parameter sets as data and the internal functions
 * slh_keygen_internal, slh_sign_internal and slh_verify_internal (Alg. 18-20).
 * One source serves all twelve sets; the message M is given in two pieces
 * (prefix, msg) so the external interfaces (Alg. 22-25) never copy it. */
#ifndef PQS_SLHDSA_SLHDSA_H
#define PQS_SLHDSA_SLHDSA_H

#include <stddef.h>
#include <stdint.h>

/* Largest values over the twelve sets (FIPS 205 Table 2), for stack arrays. */
#define PQS_SLHDSA_MAX_N 32
#define PQS_SLHDSA_MAX_LEN 67          /* len = 2n + 3 for lg_w = 4 */
#define PQS_SLHDSA_MAX_HP 9            /* h' = h / d */
#define PQS_SLHDSA_MAX_A 14
#define PQS_SLHDSA_MAX_K 35
#define PQS_SLHDSA_MAX_M 49
#define PQS_SLHDSA_LG_W 4
#define PQS_SLHDSA_W 16

struct pqs_slhdsa_hash_suite;

/* One parameter set (FIPS 205 Table 2). len, sizes and category derive from the rest
 * but are stored so the hot paths do not recompute them. */
typedef struct pqs_slhdsa_params {
    const char *name;          /* "SLH-DSA-SHA2-128f" */
    unsigned n;                /* security parameter, bytes */
    unsigned h;                /* total hypertree height */
    unsigned d;                /* hypertree layers */
    unsigned hp;               /* h' = h / d, height of one XMSS tree */
    unsigned a;                /* FORS tree height */
    unsigned k;                /* FORS trees */
    unsigned lg_w;             /* always 4 */
    unsigned m;                /* H_msg output bytes */
    unsigned len;              /* WOTS+ chains: len1 + len2 = 2n + 3 */
    int category;              /* NIST security category 1, 3 or 5 */
    const struct pqs_slhdsa_hash_suite *hash;   /* SHAKE (§11.1) or SHA2 (§11.2) */
    size_t pk_bytes;           /* 2n */
    size_t sk_bytes;           /* 4n */
    size_t sig_bytes;          /* (1 + k(1 + a) + h + d len) n */
} pqs_slhdsa_params;

extern const pqs_slhdsa_params pqs_slhdsa_sha2_128s;
extern const pqs_slhdsa_params pqs_slhdsa_sha2_128f;
extern const pqs_slhdsa_params pqs_slhdsa_sha2_192s;
extern const pqs_slhdsa_params pqs_slhdsa_sha2_192f;
extern const pqs_slhdsa_params pqs_slhdsa_sha2_256s;
extern const pqs_slhdsa_params pqs_slhdsa_sha2_256f;
extern const pqs_slhdsa_params pqs_slhdsa_shake_128s;
extern const pqs_slhdsa_params pqs_slhdsa_shake_128f;
extern const pqs_slhdsa_params pqs_slhdsa_shake_192s;
extern const pqs_slhdsa_params pqs_slhdsa_shake_192f;
extern const pqs_slhdsa_params pqs_slhdsa_shake_256s;
extern const pqs_slhdsa_params pqs_slhdsa_shake_256f;

/* Look a set up by name ("SLH-DSA-SHAKE-256s", case-insensitive); NULL when unknown. */
const pqs_slhdsa_params *pqs_slhdsa_params_find(const char *name);
/* The i-th set, NULL past the end. */
const pqs_slhdsa_params *pqs_slhdsa_params_at(size_t i);

/* Alg. 18: seed = SK.seed || SK.prf || PK.seed (3n bytes); writes pk (2n), sk (4n).
 * Returns 0, or PQS_E_INVALID_ARG for a NULL pointer (likewise for sign). */
int pqs_slhdsa_keygen_internal(const pqs_slhdsa_params *p, uint8_t *pk, uint8_t *sk,
                               const uint8_t *seed);
/* Alg. 19 on M = prefix || msg with opt_rand = addrnd (n bytes); writes sig_bytes. */
int pqs_slhdsa_sign_internal(const pqs_slhdsa_params *p, uint8_t *sig,
                             const uint8_t *prefix, size_t prefix_len,
                             const uint8_t *msg, size_t msg_len,
                             const uint8_t *sk, const uint8_t *addrnd);
/* Alg. 20 on M = prefix || msg: 0 when valid, PQS_E_VERIFY otherwise (also for a
 * signature of the wrong length or a NULL sig / pk). */
int pqs_slhdsa_verify_internal(const pqs_slhdsa_params *p, const uint8_t *sig, size_t sig_len,
                               const uint8_t *prefix, size_t prefix_len,
                               const uint8_t *msg, size_t msg_len, const uint8_t *pk);

#endif
