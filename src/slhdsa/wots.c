/* WOTS+ (FIPS 205 §5): chains of F, key generation, signing and public key recovery.
 * lg_w = 4 for every set, so len1 = 2n and len2 = 3 (Alg. 1). The chains themselves
 * (Alg. 5) run in the hash suite, many at once (pqs_slhdsa_wots_job). */
#include <string.h>

#include "encode.h"
#include "pqsafe/common.h"
#include "wots.h"

void pqs_slhdsa_wots_digits(const pqs_slhdsa_params *p, uint32_t digits[PQS_SLHDSA_MAX_LEN],
                            const uint8_t *m)
{
    unsigned len1 = 2 * p->n;
    uint32_t csum = 0;
    pqs_slhdsa_base_2b(digits, m, PQS_SLHDSA_LG_W, len1);
    for (unsigned i = 0; i < len1; i++)
        csum += PQS_SLHDSA_W - 1 - digits[i];
    /* Step 6: shift so the len2 = 3 digits fill whole bytes: (8 - 12 mod 8) mod 8 = 4. */
    csum <<= 4;
    uint8_t cs[2] = {(uint8_t)(csum >> 8), (uint8_t)csum};
    pqs_slhdsa_base_2b(digits + len1, cs, PQS_SLHDSA_LG_W, 3);
}

/* The WOTS_PK address of key pair `keypair` in the tree of adrs (Alg. 6 steps 9-11). */
static void pk_address(pqs_slhdsa_adrs pk_adrs, const pqs_slhdsa_adrs adrs, uint32_t keypair)
{
    memcpy(pk_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(pk_adrs, PQS_SLHDSA_WOTS_PK);
    pqs_slhdsa_set_keypair(pk_adrs, keypair);
}

void pqs_slhdsa_wots_pkgen(const pqs_slhdsa_hctx *c, uint8_t *pk, const pqs_slhdsa_adrs adrs,
                           unsigned keys, unsigned sign_key, const uint32_t *digits, uint8_t *sig)
{
    const pqs_slhdsa_params *p = c->p;
    uint8_t ends[PQS_SLHDSA_WOTS_BATCH * PQS_SLHDSA_MAX_LEN * PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs pk_adrs[PQS_SLHDSA_WOTS_BATCH];
    const pqs_slhdsa_wots_job job = {adrs, keys, NULL, sign_key, digits, sig};
    /* Steps 1-8: every chain from its secret value to position w - 1. */
    p->hash->wots_chains(c, ends, &job);
    /* Steps 9-12: T_len over the chain ends of each key. */
    for (unsigned k = 0; k < keys; k++)
        pk_address(pk_adrs[k], adrs, pqs_slhdsa_get_keypair(adrs) + k);
    p->hash->t_many(c, pk, ends, p->len, pk_adrs, keys);
    pqs_wipe(ends, sizeof ends);
}

void pqs_slhdsa_wots_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *pk, const uint8_t *sig,
                                 const uint8_t *m, const pqs_slhdsa_adrs adrs)
{
    const pqs_slhdsa_params *p = c->p;
    uint8_t ends[PQS_SLHDSA_MAX_LEN * PQS_SLHDSA_MAX_N];
    uint32_t digits[PQS_SLHDSA_MAX_LEN];
    pqs_slhdsa_adrs pk_adrs;
    pqs_slhdsa_wots_digits(p, digits, m);
    /* Alg. 8 steps 10-13: chain i from position digits[i] to w - 1. */
    const pqs_slhdsa_wots_job job = {adrs, 1, digits, PQS_SLHDSA_WOTS_BATCH, NULL, NULL};
    memcpy(ends, sig, (size_t)p->len * p->n);
    p->hash->wots_chains(c, ends, &job);
    pk_address(pk_adrs, adrs, pqs_slhdsa_get_keypair(adrs));
    p->hash->t(c, pk, pk_adrs, ends, p->len);
}
