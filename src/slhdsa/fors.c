/* FORS (FIPS 205 §8): k Merkle trees of height a over PRF-derived secret values. */
#include <string.h>

#include "encode.h"
#include "fors.h"
#include "pqsafe/common.h"
#include "treehash.h"

/* Alg. 14 fors_skGen: the secret value with global leaf index idx. */
static void fors_sk(const pqs_slhdsa_hctx *c, uint8_t *sk, const pqs_slhdsa_adrs adrs,
                    uint32_t idx)
{
    pqs_slhdsa_adrs sk_adrs;
    memcpy(sk_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(sk_adrs, PQS_SLHDSA_FORS_PRF);
    pqs_slhdsa_set_keypair(sk_adrs, pqs_slhdsa_get_keypair(adrs));
    pqs_slhdsa_set_tree_index(sk_adrs, idx);
    c->p->hash->prf(c, sk, sk_adrs);
}

/* Alg. 15 fors_node with z = 0: F of the secret value at tree height 0. */
static void fors_leaf(const pqs_slhdsa_hctx *c, uint8_t *out, uint32_t idx, void *arg)
{
    const uint8_t *tree_adrs = arg;
    uint8_t sk[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs adrs;
    memcpy(adrs, tree_adrs, PQS_SLHDSA_ADRS_BYTES);
    fors_sk(c, sk, adrs, idx);
    pqs_slhdsa_set_tree_height(adrs, 0);
    pqs_slhdsa_set_tree_index(adrs, idx);
    c->p->hash->f(c, out, adrs, sk);
    pqs_wipe(sk, sizeof sk);
}

/* T_k over the k roots with the FORS_ROOTS address (Alg. 17 steps 21-24). */
static void compress_roots(const pqs_slhdsa_hctx *c, uint8_t *pk_fors, const uint8_t *roots,
                           const pqs_slhdsa_adrs adrs)
{
    pqs_slhdsa_adrs pk_adrs;
    memcpy(pk_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_set_type_and_clear(pk_adrs, PQS_SLHDSA_FORS_ROOTS);
    pqs_slhdsa_set_keypair(pk_adrs, pqs_slhdsa_get_keypair(adrs));
    c->p->hash->t(c, pk_fors, pk_adrs, roots, c->p->k);
}

void pqs_slhdsa_fors_sign(const pqs_slhdsa_hctx *c, uint8_t *sig_fors, uint8_t *pk_fors,
                          const uint8_t *md, const pqs_slhdsa_adrs adrs)
{
    const pqs_slhdsa_params *p = c->p;
    const size_t tree_bytes = (size_t)(p->a + 1) * p->n;
    uint32_t indices[PQS_SLHDSA_MAX_K];
    uint8_t roots[PQS_SLHDSA_MAX_K * PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs node_adrs;
    memcpy(node_adrs, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_base_2b(indices, md, p->a, p->k);
    for (unsigned i = 0; i < p->k; i++) {
        uint32_t offset = (uint32_t)i << p->a;
        uint8_t *out = sig_fors + i * tree_bytes;
        /* Alg. 16 step 3: the revealed secret value, then the authentication path. */
        fors_sk(c, out, adrs, offset + indices[i]);
        pqs_slhdsa_treehash(c, roots + i * p->n, out + p->n, indices[i], p->a, offset,
                            node_adrs, fors_leaf, node_adrs);
    }
    compress_roots(c, pk_fors, roots, adrs);
}

void pqs_slhdsa_fors_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *pk_fors,
                                 const uint8_t *sig_fors, const uint8_t *md,
                                 const pqs_slhdsa_adrs adrs)
{
    const pqs_slhdsa_params *p = c->p;
    const size_t tree_bytes = (size_t)(p->a + 1) * p->n;
    uint32_t indices[PQS_SLHDSA_MAX_K];
    uint8_t roots[PQS_SLHDSA_MAX_K * PQS_SLHDSA_MAX_N], leaf[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs a;
    memcpy(a, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_slhdsa_base_2b(indices, md, p->a, p->k);
    for (unsigned i = 0; i < p->k; i++) {
        const uint8_t *t = sig_fors + i * tree_bytes;
        uint32_t idx = ((uint32_t)i << p->a) + indices[i];
        pqs_slhdsa_set_tree_height(a, 0);
        pqs_slhdsa_set_tree_index(a, idx);
        p->hash->f(c, leaf, a, t);
        pqs_slhdsa_root_from_path(c, roots + i * p->n, leaf, indices[i], t + p->n, p->a, a);
    }
    compress_roots(c, pk_fors, roots, adrs);
}
