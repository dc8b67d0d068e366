/* The hash functions of SLH-DSA (FIPS 205 §4.1) as a suite of function pointers per
 * family: SHAKE (§11.1), SHA2 for category 1 (§11.2.1) and SHA2 for categories 3 and 5
 * (§11.2.2). A per-operation context holds PK.seed already absorbed (for SHA2, the
 * compression state after the block PK.seed || toByte(0, 64 - n) or 128 - n), so each
 * F, H and T call starts from a copy instead of rehashing PK.seed. The WOTS+ chain
 * (Alg. 5, F iterated) is part of the suite so each family can keep its block or
 * state laid out between steps: it is where nearly all signing time goes. */
#ifndef PQS_SLHDSA_HASH_H
#define PQS_SLHDSA_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "hash/fips202.h"
#include "hash/sha2.h"
#include "slhdsa.h"

/* The per-operation context (lives on the stack of keygen/sign/verify). */
typedef struct pqs_slhdsa_hctx {
    const pqs_slhdsa_params *p;
    unsigned n;
    uint8_t pk_seed[PQS_SLHDSA_MAX_N];
    uint8_t sk_seed[PQS_SLHDSA_MAX_N];   /* secret (zero when verifying); wiped on exit */
    union {
        struct {
            pqs_sha256_ctx s256;         /* after PK.seed || toByte(0, 64 - n) */
            pqs_sha512_ctx s512;         /* after PK.seed || toByte(0, 128 - n) (cat 3, 5) */
        } sha2;
        pqs_keccak_ctx shake;            /* after PK.seed */
    } u;
} pqs_slhdsa_hctx;

/* M = prefix || msg (FIPS 205 Alg. 22/23 build the prefix; internal callers pass none). */
typedef struct pqs_slhdsa_msg {
    const uint8_t *prefix;
    size_t prefix_len;
    const uint8_t *msg;
    size_t msg_len;
} pqs_slhdsa_msg;

typedef struct pqs_slhdsa_hash_suite {
    /* Absorb PK.seed once for the operation. */
    void (*seed)(pqs_slhdsa_hctx *c);
    /* PRF(PK.seed, SK.seed, ADRS): n bytes. */
    void (*prf)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs);
    /* F(PK.seed, ADRS, M1), |M1| = n. */
    void (*f)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *in);
    /* H(PK.seed, ADRS, left || right), n bytes each. */
    void (*h)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *left, const uint8_t *right);
    /* T_l(PK.seed, ADRS, M_l), |M_l| = l n. */
    void (*t)(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
              const uint8_t *in, size_t l);
    /* Alg. 5 chain: steps iterations of F on x in place from step start, adrs holding
     * the chain address (its hash address is left at the last step). */
    void (*chain)(const pqs_slhdsa_hctx *c, uint8_t *x, pqs_slhdsa_adrs adrs, unsigned start,
                  unsigned steps);
    /* PRF_msg(SK.prf, opt_rand, M): n bytes. */
    void (*prf_msg)(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *sk_prf,
                    const uint8_t *opt_rand, const pqs_slhdsa_msg *m);
    /* H_msg(R, PK.seed, PK.root, M): m bytes. */
    void (*h_msg)(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *r,
                  const uint8_t *pk_seed, const uint8_t *pk_root, const pqs_slhdsa_msg *m);
} pqs_slhdsa_hash_suite;

extern const pqs_slhdsa_hash_suite pqs_slhdsa_shake;
extern const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat1;
extern const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat35;

/* Fill the context for one operation; sk_seed may be NULL (verify). */
void pqs_slhdsa_hctx_init(pqs_slhdsa_hctx *c, const pqs_slhdsa_params *p,
                          const uint8_t *pk_seed, const uint8_t *sk_seed);
void pqs_slhdsa_hctx_wipe(pqs_slhdsa_hctx *c);

#endif
