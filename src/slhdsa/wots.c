/* WOTS+ (FIPS 205 §5): chains of F, key generation, signing and public key recovery.
 * lg_w = 4 for every set, so len1 = 2n and len2 = 3 (Alg. 1). */
#include <string.h>

#include "encode.h"
#include "pqsafe/common.h"
#include "wots.h"

/* Alg. 5 chain: s iterations of F from step i, in place; adrs carries the chain.
 * The hash suite provides it so SHA2 can keep its block laid out between steps. */
static void chain(const pqs_slhdsa_hctx *c, uint8_t *x, unsigned i, unsigned s,
                  pqs_slhdsa_adrs adrs)
{
    c->p->hash->chain(c, x, adrs, i, s);
}

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

/* The PRF address of the same key pair (Alg. 6 steps 1-3, Alg. 7 steps 10-12). */
static void sk_address(pqs_slhdsa_adrs sk_adrs, const pqs_slhdsa_adrs adrs)
{
    memcpy(sk_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(sk_adrs, PQS_SLHDSA_WOTS_PRF);
    pqs_slhdsa_set_keypair(sk_adrs, pqs_slhdsa_get_keypair(adrs));
}

/* T_len over the chain ends with the WOTS_PK address (Alg. 6 steps 9-12). */
static void compress_pk(const pqs_slhdsa_hctx *c, uint8_t *pk, const uint8_t *ends,
                        const pqs_slhdsa_adrs adrs)
{
    pqs_slhdsa_adrs pk_adrs;
    memcpy(pk_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(pk_adrs, PQS_SLHDSA_WOTS_PK);
    pqs_slhdsa_set_keypair(pk_adrs, pqs_slhdsa_get_keypair(adrs));
    c->p->hash->t(c, pk, pk_adrs, ends, c->p->len);
}

void pqs_slhdsa_wots_pkgen(const pqs_slhdsa_hctx *c, uint8_t *pk, pqs_slhdsa_adrs adrs,
                           uint8_t *sig, const uint32_t *digits)
{
    const unsigned n = c->n;
    uint8_t tmp[PQS_SLHDSA_MAX_LEN * PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs sk_adrs;
    sk_address(sk_adrs, adrs);
    for (unsigned i = 0; i < c->p->len; i++) {
        uint8_t *x = tmp + i * n;
        pqs_slhdsa_set_chain(sk_adrs, i);
        c->p->hash->prf(c, x, sk_adrs);
        pqs_slhdsa_set_chain(adrs, i);
        if (sig == NULL) {
            chain(c, x, 0, PQS_SLHDSA_W - 1, adrs);
            continue;
        }
        /* The digits are public (they encode a message the signature reveals). */
        chain(c, x, 0, digits[i], adrs);
        memcpy(sig + i * n, x, n);
        chain(c, x, digits[i], PQS_SLHDSA_W - 1 - digits[i], adrs);
    }
    compress_pk(c, pk, tmp, adrs);
    pqs_wipe(tmp, sizeof tmp);
}

void pqs_slhdsa_wots_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *pk, const uint8_t *sig,
                                 const uint8_t *m, pqs_slhdsa_adrs adrs)
{
    const unsigned n = c->n;
    uint8_t tmp[PQS_SLHDSA_MAX_LEN * PQS_SLHDSA_MAX_N];
    uint32_t digits[PQS_SLHDSA_MAX_LEN];
    pqs_slhdsa_wots_digits(c->p, digits, m);
    for (unsigned i = 0; i < c->p->len; i++) {
        memcpy(tmp + i * n, sig + i * n, n);
        pqs_slhdsa_set_chain(adrs, i);
        chain(c, tmp + i * n, digits[i], PQS_SLHDSA_W - 1 - digits[i], adrs);
    }
    compress_pk(c, pk, tmp, adrs);
}
