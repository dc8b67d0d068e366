/* The hypertree (FIPS 205 §7): d layers of XMSS trees, each signing the root below. */
#include <string.h>

#include "core/ct.h"
#include "pqsafe/common.h"
#include "xmss.h"

void pqs_slhdsa_ht_sign(const pqs_slhdsa_hctx *c, uint8_t *sig_ht, const uint8_t *m,
                        uint64_t idx_tree, uint32_t idx_leaf)
{
    const pqs_slhdsa_params *p = c->p;
    const size_t xmss_bytes = (size_t)(p->len + p->hp) * p->n;
    uint8_t root[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs adrs;
    memcpy(root, m, p->n);
    pqs_slhdsa_adrs_zero(adrs);
    for (unsigned j = 0; j < p->d; j++) {
        pqs_slhdsa_set_layer(adrs, j);
        pqs_slhdsa_set_tree(adrs, idx_tree);
        /* The signing tree also yields its root, the next layer's message (the
         * standard recomputes it with xmss_pkFromSig, Alg. 12 steps 5 and 13). */
        pqs_slhdsa_xmss_sign(c, root, sig_ht + j * xmss_bytes, root, idx_leaf, adrs);
        idx_leaf = (uint32_t)(idx_tree & (((uint64_t)1 << p->hp) - 1));
        idx_tree >>= p->hp;
    }
}

int pqs_slhdsa_ht_verify(const pqs_slhdsa_hctx *c, const uint8_t *m, const uint8_t *sig_ht,
                         uint64_t idx_tree, uint32_t idx_leaf, const uint8_t *pk_root)
{
    const pqs_slhdsa_params *p = c->p;
    const size_t xmss_bytes = (size_t)(p->len + p->hp) * p->n;
    uint8_t node[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs adrs;
    memcpy(node, m, p->n);
    pqs_slhdsa_adrs_zero(adrs);
    for (unsigned j = 0; j < p->d; j++) {
        pqs_slhdsa_set_layer(adrs, j);
        pqs_slhdsa_set_tree(adrs, idx_tree);
        pqs_slhdsa_xmss_pk_from_sig(c, node, idx_leaf, sig_ht + j * xmss_bytes, node, adrs);
        idx_leaf = (uint32_t)(idx_tree & (((uint64_t)1 << p->hp) - 1));
        idx_tree >>= p->hp;
    }
    return pqs_ct_memneq(node, pk_root, p->n) == 0 ? 0 : PQS_E_VERIFY;
}
