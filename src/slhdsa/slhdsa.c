/* SLH-DSA internal functions (FIPS 205 §9): slh_keygen_internal (Alg. 18),
 * slh_sign_internal (Alg. 19) and slh_verify_internal (Alg. 20). */
#include <string.h>

#include "core/ct.h"
#include "encode.h"
#include "fors.h"
#include "pqsafe/common.h"
#include "slhdsa.h"
#include "xmss.h"

int pqs_slhdsa_keygen_internal(const pqs_slhdsa_params *p, uint8_t *pk, uint8_t *sk,
                               const uint8_t *seed)
{
    const unsigned n = p->n;
    uint8_t root[PQS_SLHDSA_MAX_N];
    pqs_slhdsa_hctx c;
    pqs_slhdsa_adrs adrs;
    if (pk == NULL || sk == NULL || seed == NULL)
        return PQS_E_INVALID_ARG;
    pqs_slhdsa_hctx_init(&c, p, seed + 2 * n, seed);
    /* Alg. 18 steps 1-3: PK.root is the root of the single tree of the top layer. */
    pqs_slhdsa_adrs_zero(adrs);
    pqs_slhdsa_set_layer(adrs, p->d - 1);
    pqs_slhdsa_xmss_sign(&c, root, NULL, NULL, 0, adrs);
    pqs_slhdsa_hctx_wipe(&c);
    memmove(sk, seed, 3 * (size_t)n);
    memcpy(sk + 3 * n, root, n);
    memcpy(pk, sk + 2 * n, n);
    memcpy(pk + n, root, n);
    return 0;
}

/* Alg. 19 steps 7-12 (Alg. 20 steps 9-14): split the digest into md, idx_tree and
 * idx_leaf. The indices select which trees sign and appear in the signature. */
static void split_digest(const pqs_slhdsa_params *p, const uint8_t *digest,
                         uint64_t *idx_tree, uint32_t *idx_leaf)
{
    const size_t md_bytes = ((size_t)p->k * p->a + 7) / 8;
    const size_t tree_bits = p->h - p->hp;
    const size_t tree_bytes = (tree_bits + 7) / 8, leaf_bytes = (p->hp + 7) / 8;
    uint64_t tree = pqs_slhdsa_to_int(digest + md_bytes, tree_bytes);
    if (tree_bits < 64)
        tree &= ((uint64_t)1 << tree_bits) - 1;
    *idx_tree = tree;
    *idx_leaf = (uint32_t)pqs_slhdsa_to_int(digest + md_bytes + tree_bytes, leaf_bytes) &
                (((uint32_t)1 << p->hp) - 1);
}

/* The FORS address: tree idx_tree of layer 0, key pair idx_leaf (Alg. 19 steps 13-15). */
static void fors_address(pqs_slhdsa_adrs adrs, uint64_t idx_tree, uint32_t idx_leaf)
{
    pqs_slhdsa_adrs_zero(adrs);
    pqs_slhdsa_set_tree(adrs, idx_tree);
    pqs_slhdsa_set_type_and_clear(adrs, PQS_SLHDSA_FORS_TREE);
    pqs_slhdsa_set_keypair(adrs, idx_leaf);
}

int pqs_slhdsa_sign_internal(const pqs_slhdsa_params *p, uint8_t *sig,
                             const uint8_t *prefix, size_t prefix_len,
                             const uint8_t *msg, size_t msg_len,
                             const uint8_t *sk, const uint8_t *addrnd)
{
    const unsigned n = p->n;
    const uint8_t *sk_seed = sk, *sk_prf = sk + n, *pk_seed = sk + 2 * n, *pk_root = sk + 3 * n;
    const pqs_slhdsa_msg m = {prefix, prefix_len, msg, msg_len};
    uint8_t digest[PQS_SLHDSA_MAX_M], pk_fors[PQS_SLHDSA_MAX_N];
    uint8_t *sig_fors = sig + n, *sig_ht = sig + n + (size_t)p->k * (p->a + 1) * n;
    uint64_t idx_tree;
    uint32_t idx_leaf;
    pqs_slhdsa_hctx c;
    pqs_slhdsa_adrs adrs;
    if (sig == NULL || sk == NULL || addrnd == NULL || (prefix == NULL && prefix_len > 0) ||
        (msg == NULL && msg_len > 0))
        return PQS_E_INVALID_ARG;
    /* Steps 3-6: the randomizer R opens the signature and keys the message digest. */
    p->hash->prf_msg(p, sig, sk_prf, addrnd, &m);
    p->hash->h_msg(p, digest, sig, pk_seed, pk_root, &m);
    /* md and the tree indices are public by design: the verifier recomputes them. */
    PQS_CT_DECLASSIFY(digest, sizeof digest);
    split_digest(p, digest, &idx_tree, &idx_leaf);
    pqs_slhdsa_hctx_init(&c, p, pk_seed, sk_seed);
    fors_address(adrs, idx_tree, idx_leaf);
    pqs_slhdsa_fors_sign(&c, sig_fors, pk_fors, digest, adrs);
    pqs_slhdsa_ht_sign(&c, sig_ht, pk_fors, idx_tree, idx_leaf);
    pqs_slhdsa_hctx_wipe(&c);
    return 0;
}

int pqs_slhdsa_verify_internal(const pqs_slhdsa_params *p, const uint8_t *sig, size_t sig_len,
                               const uint8_t *prefix, size_t prefix_len,
                               const uint8_t *msg, size_t msg_len, const uint8_t *pk)
{
    const unsigned n = p->n;
    const pqs_slhdsa_msg m = {prefix, prefix_len, msg, msg_len};
    const uint8_t *pk_seed = pk, *pk_root = pk + n;
    const uint8_t *sig_fors = sig + n, *sig_ht = sig + n + (size_t)p->k * (p->a + 1) * n;
    uint8_t digest[PQS_SLHDSA_MAX_M], pk_fors[PQS_SLHDSA_MAX_N];
    uint64_t idx_tree;
    uint32_t idx_leaf;
    pqs_slhdsa_hctx c;
    pqs_slhdsa_adrs adrs;
    if (sig == NULL || pk == NULL || sig_len != p->sig_bytes)   /* Alg. 20 steps 1-3 */
        return PQS_E_VERIFY;
    if ((prefix == NULL && prefix_len > 0) || (msg == NULL && msg_len > 0))
        return PQS_E_INVALID_ARG;
    p->hash->h_msg(p, digest, sig, pk_seed, pk_root, &m);
    split_digest(p, digest, &idx_tree, &idx_leaf);
    pqs_slhdsa_hctx_init(&c, p, pk_seed, NULL);
    fors_address(adrs, idx_tree, idx_leaf);
    pqs_slhdsa_fors_pk_from_sig(&c, pk_fors, sig_fors, digest, adrs);
    return pqs_slhdsa_ht_verify(&c, pk_fors, sig_ht, idx_tree, idx_leaf, pk_root);
}
