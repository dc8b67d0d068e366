/* The Merkle tree walk shared by XMSS (Alg. 9-10) and FORS (Alg. 15-16): the leaves are
 * computed in batches and the tree is reduced level by level, every level's nodes in
 * batched H calls, yielding the root and, on the way, the authentication path of one
 * leaf (instead of the recursive xmss_node / fors_node calls of the standard, which
 * recompute subtrees for every path node). */
#ifndef PQS_SLHDSA_TREEHASH_H
#define PQS_SLHDSA_TREEHASH_H

#include <stdint.h>

#include "hash.h"

#define PQS_SLHDSA_NO_LEAF UINT32_MAX

/* Writes the count n-byte leaves with global indices first .. first + count - 1. */
typedef void (*pqs_slhdsa_leaves_fn)(const pqs_slhdsa_hctx *c, uint8_t *out, uint32_t first,
                                     unsigned count, void *arg);

/* Root of the tree of the given height whose leaves are leaf(offset + j), j < 2^height.
 * The inner node at height z and local index j is H(left || right) under node_adrs
 * with tree height z and tree index (offset >> z) + j. When auth is not NULL, the
 * authentication path of local leaf auth_idx (height nodes) is written there. */
void pqs_slhdsa_treehash(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *auth,
                         uint32_t auth_idx, unsigned height, uint32_t offset,
                         const pqs_slhdsa_adrs node_adrs, pqs_slhdsa_leaves_fn leaves,
                         void *arg);

/* Climb from a leaf to the root with an authentication path (Alg. 11 steps 6-17 and
 * Alg. 17 steps 8-20): adrs holds the leaf's tree index (global) on entry. */
void pqs_slhdsa_root_from_path(const pqs_slhdsa_hctx *c, uint8_t *root, const uint8_t *leaf,
                               uint32_t leaf_idx, const uint8_t *auth, unsigned height,
                               pqs_slhdsa_adrs adrs);

/* The same climb for count trees at once (the k FORS trees of a verification): tree i
 * starts from leaves + i n with local index leaf_idx[i], path auth[i] and address adrs[i]
 * (updated); its root goes to roots + i n. count <= PQS_SLHDSA_MAX_K. */
void pqs_slhdsa_roots_from_paths(const pqs_slhdsa_hctx *c, uint8_t *roots, const uint8_t *leaves,
                                 const uint32_t *leaf_idx, const uint8_t *const *auth,
                                 unsigned height, pqs_slhdsa_adrs *adrs, unsigned count);

#endif
