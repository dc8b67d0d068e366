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

/* Leaves per batched PRF / F call (bounds the address arrays). */
#define FORS_BATCH 64

/* Alg. 15 fors_node with z = 0 for a run of leaves: F of the secret values (Alg. 14),
 * both batched. arg: the FORS_TREE address. The secret values are wiped. */
static void fors_leaves(const pqs_slhdsa_hctx *c, uint8_t *out, uint32_t first, unsigned count,
                        void *arg)
{
    const uint8_t *tree_adrs = arg;
    uint8_t sk[FORS_BATCH * PQS_SLHDSA_MAX_N];
    pqs_slhdsa_adrs sk_adrs[FORS_BATCH], leaf_adrs[FORS_BATCH];
    for (unsigned j0 = 0; j0 < count; j0 += FORS_BATCH) {
        unsigned m = count - j0 < FORS_BATCH ? count - j0 : FORS_BATCH;
        for (unsigned j = 0; j < m; j++) {
            uint32_t idx = first + j0 + j;
            memcpy(sk_adrs[j], tree_adrs, PQS_SLHDSA_ADRS_BYTES);
            pqs_slhdsa_set_type_and_clear(sk_adrs[j], PQS_SLHDSA_FORS_PRF);
            pqs_slhdsa_set_keypair(sk_adrs[j], pqs_slhdsa_get_keypair(tree_adrs));
            pqs_slhdsa_set_tree_index(sk_adrs[j], idx);
            memcpy(leaf_adrs[j], tree_adrs, PQS_SLHDSA_ADRS_BYTES);
            pqs_slhdsa_set_tree_height(leaf_adrs[j], 0);
            pqs_slhdsa_set_tree_index(leaf_adrs[j], idx);
        }
        c->p->hash->prf_many(c, sk, (const pqs_slhdsa_adrs *)sk_adrs, m);
        c->p->hash->f_many(c, out + (size_t)j0 * c->n, sk, (const pqs_slhdsa_adrs *)leaf_adrs, m);
    }
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
    pqs_slhdsa_base_2b(indices, md, p->a, p->k);
    for (unsigned i = 0; i < p->k; i++) {
        uint32_t offset = (uint32_t)i << p->a;
        uint8_t *out = sig_fors + i * tree_bytes;
        /* Alg. 16 step 3: the revealed secret value, then the authentication path. */
        fors_sk(c, out, adrs, offset + indices[i]);
        pqs_slhdsa_treehash(c, roots + i * p->n, out + p->n, indices[i], p->a, offset, adrs,
                            fors_leaves, (void *)adrs);
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
    uint8_t roots[PQS_SLHDSA_MAX_K * PQS_SLHDSA_MAX_N], sks[PQS_SLHDSA_MAX_K * PQS_SLHDSA_MAX_N];
    const uint8_t *auth[PQS_SLHDSA_MAX_K];
    pqs_slhdsa_adrs a[PQS_SLHDSA_MAX_K];
    pqs_slhdsa_base_2b(indices, md, p->a, p->k);
    /* Alg. 17 steps 2-7 for the k trees at once: the leaves F(sk_i). */
    for (unsigned i = 0; i < p->k; i++) {
        const uint8_t *t = sig_fors + i * tree_bytes;
        memcpy(sks + i * p->n, t, p->n);
        auth[i] = t + p->n;
        memcpy(a[i], adrs, PQS_SLHDSA_ADRS_BYTES);
        pqs_slhdsa_set_tree_height(a[i], 0);
        pqs_slhdsa_set_tree_index(a[i], ((uint32_t)i << p->a) + indices[i]);
    }
    p->hash->f_many(c, roots, sks, (const pqs_slhdsa_adrs *)a, p->k);
    /* Steps 8-20: the k climbs, level by level. */
    pqs_slhdsa_roots_from_paths(c, roots, roots, indices, auth, p->a, a, p->k);
    compress_roots(c, pk_fors, roots, adrs);
}
