/* XMSS (FIPS 205 §6): a Merkle tree of 2^h' WOTS+ public keys. */
#include <string.h>

#include "core/ct.h"
#include "treehash.h"
#include "wots.h"
#include "xmss.h"

typedef struct {
    const uint8_t *adrs;       /* layer and tree address of this XMSS tree */
    uint32_t sign_idx;         /* leaf whose WOTS+ key signs, or PQS_SLHDSA_NO_LEAF */
    uint8_t *wots_sig;
    const uint32_t *digits;
} xmss_leaf_arg;

/* Alg. 9 steps 1-3: leaf i is the WOTS+ public key of key pair i; the keys are computed
 * PQS_SLHDSA_WOTS_BATCH at a time, their chains together. */
static void xmss_leaves(const pqs_slhdsa_hctx *c, uint8_t *out, uint32_t first, unsigned count,
                        void *arg)
{
    const xmss_leaf_arg *x = arg;
    pqs_slhdsa_adrs adrs;
    memcpy(adrs, x->adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(adrs, PQS_SLHDSA_WOTS_HASH);
    for (unsigned k0 = 0; k0 < count; k0 += PQS_SLHDSA_WOTS_BATCH) {
        const uint32_t key0 = first + k0;
        unsigned keys = count - k0 < PQS_SLHDSA_WOTS_BATCH ? count - k0 : PQS_SLHDSA_WOTS_BATCH;
        /* The signing leaf (public: it is the index the signature names). */
        unsigned sign_key = x->sign_idx - key0 < keys ? x->sign_idx - key0 : PQS_SLHDSA_WOTS_BATCH;
        pqs_slhdsa_set_keypair(adrs, key0);
        pqs_slhdsa_wots_pkgen(c, out + (size_t)k0 * c->n, adrs, keys, sign_key, x->digits,
                              x->wots_sig);
    }
}

void pqs_slhdsa_xmss_sign(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *sig,
                          const uint8_t *m, uint32_t idx, const pqs_slhdsa_adrs adrs)
{
    const pqs_slhdsa_params *p = c->p;
    uint32_t digits[PQS_SLHDSA_MAX_LEN];
    xmss_leaf_arg arg = {adrs, PQS_SLHDSA_NO_LEAF, NULL, digits};
    pqs_slhdsa_adrs node_adrs;
    if (sig != NULL) {
        pqs_slhdsa_wots_digits(p, digits, m);
        /* m is a FORS public key or an XMSS root: recomputed by any verifier from the
         * signature, so the chain lengths it selects are public. */
        PQS_CT_DECLASSIFY(digits, sizeof digits);
        arg.sign_idx = idx;
        arg.wots_sig = sig;
    }
    /* Alg. 9 steps 7-9: inner nodes use the TREE type. */
    memcpy(node_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(node_adrs, PQS_SLHDSA_TREE);
    pqs_slhdsa_treehash(c, root, sig != NULL ? sig + p->len * p->n : NULL, idx, p->hp, 0,
                        node_adrs, xmss_leaves, &arg);
}

void pqs_slhdsa_xmss_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *root, uint32_t idx,
                                 const uint8_t *sig, const uint8_t *m,
                                 const pqs_slhdsa_adrs adrs)
{
    const pqs_slhdsa_params *p = c->p;
    uint8_t leaf[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs a;
    memcpy(a, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(a, PQS_SLHDSA_WOTS_HASH);
    pqs_slhdsa_set_keypair(a, idx);
    pqs_slhdsa_wots_pk_from_sig(c, leaf, sig, m, a);
    pqs_slhdsa_set_type_and_clear(a, PQS_SLHDSA_TREE);
    pqs_slhdsa_set_tree_index(a, idx);
    pqs_slhdsa_root_from_path(c, root, leaf, idx, sig + p->len * p->n, p->hp, a);
}
