/* Merkle tree computations shared by XMSS and FORS (FIPS 205 §6 and §8). */
#include <string.h>

#include "treehash.h"

#define MAX_HEIGHT (PQS_SLHDSA_MAX_A > PQS_SLHDSA_MAX_HP ? PQS_SLHDSA_MAX_A : PQS_SLHDSA_MAX_HP)
/* Leaves per chunk: an XMSS tree (h' <= 9) is one chunk; a FORS tree of height a > 9 is
 * reduced chunk by chunk to subtree roots, which are then reduced in turn. */
#define CHUNK_HEIGHT 9
/* Parent nodes per batched H call (bounds the address array). */
#define H_BATCH 64

/* Reduce count nodes at height z (local indices first .. first + count - 1 of the tree at
 * that height) by `levels` levels, in place: the parents of level z + 1 overwrite the
 * front of the array. The authentication path node of leaf auth_idx at each height is
 * copied out when it passes. */
static void reduce(const pqs_slhdsa_hctx *c, uint8_t *nodes, uint32_t count, unsigned z,
                   unsigned levels, uint32_t first, uint8_t *auth, uint32_t auth_idx,
                   uint32_t offset, const pqs_slhdsa_adrs node_adrs)
{
    const unsigned n = c->n;
    pqs_slhdsa_adrs adrs[H_BATCH];
    for (unsigned end = z + levels; z < end; z++) {
        if (auth != NULL) {
            uint32_t sibling = (auth_idx >> z) ^ 1;
            if (sibling >= first && sibling - first < count)
                memcpy(auth + z * n, nodes + (size_t)(sibling - first) * n, n);
        }
        count /= 2;
        first /= 2;
        for (uint32_t j0 = 0; j0 < count; j0 += H_BATCH) {
            unsigned m = count - j0 < H_BATCH ? (unsigned)(count - j0) : H_BATCH;
            for (unsigned j = 0; j < m; j++) {
                memcpy(adrs[j], node_adrs, PQS_SLHDSA_ADRS_BYTES);
                pqs_slhdsa_set_tree_height(adrs[j], z + 1);
                pqs_slhdsa_set_tree_index(adrs[j], (offset >> (z + 1)) + first + j0 + j);
            }
            /* Parents j0.. read children 2 j0.. (beyond what earlier calls wrote). */
            c->p->hash->h_many(c, nodes + (size_t)j0 * n, nodes + (size_t)2 * j0 * n,
                               (const pqs_slhdsa_adrs *)adrs, m);
        }
    }
}

void pqs_slhdsa_treehash(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *auth,
                         uint32_t auth_idx, unsigned height, uint32_t offset,
                         const pqs_slhdsa_adrs node_adrs, pqs_slhdsa_leaves_fn leaves,
                         void *arg)
{
    const unsigned n = c->n, ch = height < CHUNK_HEIGHT ? height : CHUNK_HEIGHT;
    const uint32_t chunks = (uint32_t)1 << (height - ch), chunk_leaves = (uint32_t)1 << ch;
    uint8_t nodes[((size_t)1 << CHUNK_HEIGHT) * PQS_SLHDSA_MAX_N];
    uint8_t tops[((size_t)1 << (MAX_HEIGHT - CHUNK_HEIGHT)) * PQS_SLHDSA_MAX_N];
    for (uint32_t k = 0; k < chunks; k++) {
        const uint32_t first = k * chunk_leaves;
        leaves(c, nodes, offset + first, chunk_leaves, arg);
        reduce(c, nodes, chunk_leaves, 0, ch, first, auth, auth_idx, offset, node_adrs);
        memcpy(tops + (size_t)k * n, nodes, n);
    }
    reduce(c, tops, chunks, ch, height - ch, 0, auth, auth_idx, offset, node_adrs);
    memcpy(root, tops, n);
}

void pqs_slhdsa_root_from_path(const pqs_slhdsa_hctx *c, uint8_t *root, const uint8_t *leaf,
                               uint32_t leaf_idx, const uint8_t *auth, unsigned height,
                               pqs_slhdsa_adrs adrs)
{
    const unsigned n = c->n;
    uint8_t node[PQS_SLHDSA_MAX_N];
    memcpy(node, leaf, n);
    for (unsigned z = 0; z < height; z++) {
        uint32_t parent = pqs_slhdsa_get_tree_index(adrs) >> 1;
        pqs_slhdsa_set_tree_height(adrs, z + 1);
        pqs_slhdsa_set_tree_index(adrs, parent);
        if (((leaf_idx >> z) & 1) == 0)
            c->p->hash->h(c, node, adrs, node, auth + z * n);
        else
            c->p->hash->h(c, node, adrs, auth + z * n, node);
    }
    memcpy(root, node, n);
}

void pqs_slhdsa_roots_from_paths(const pqs_slhdsa_hctx *c, uint8_t *roots, const uint8_t *leaves,
                                 const uint32_t *leaf_idx, const uint8_t *const *auth,
                                 unsigned height, pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned n = c->n;
    uint8_t pairs[PQS_SLHDSA_MAX_K * 2 * PQS_SLHDSA_MAX_N];
    memmove(roots, leaves, (size_t)count * n);
    for (unsigned z = 0; z < height; z++) {
        for (unsigned i = 0; i < count; i++) {
            uint8_t *left = pairs + (size_t)2 * i * n, *right = left + n;
            uint32_t parent = pqs_slhdsa_get_tree_index(adrs[i]) >> 1;
            pqs_slhdsa_set_tree_height(adrs[i], z + 1);
            pqs_slhdsa_set_tree_index(adrs[i], parent);
            /* The node is the left child when bit z of its index is 0 (public). */
            int node_left = ((leaf_idx[i] >> z) & 1) == 0;
            memcpy(node_left ? left : right, roots + (size_t)i * n, n);
            memcpy(node_left ? right : left, auth[i] + (size_t)z * n, n);
        }
        c->p->hash->h_many(c, roots, pairs, (const pqs_slhdsa_adrs *)adrs, count);
    }
}
