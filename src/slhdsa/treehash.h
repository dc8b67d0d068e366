/* The Merkle tree walk shared by XMSS (Alg. 9-10) and FORS (Alg. 15-16): one pass over
 * the leaves with a stack of at most height + 1 nodes yields the root and, on the way,
 * the authentication path of one leaf, instead of the recursive xmss_node/fors_node
 * calls of the standard, which recompute subtrees for every path node. */
#ifndef PQS_SLHDSA_TREEHASH_H
#define PQS_SLHDSA_TREEHASH_H

#include <stdint.h>

#include "hash.h"

#define PQS_SLHDSA_NO_LEAF UINT32_MAX

/* Writes the n-byte leaf with global index idx (offset + local index). */
typedef void (*pqs_slhdsa_leaf_fn)(const pqs_slhdsa_hctx *c, uint8_t *out, uint32_t idx,
                                   void *arg);

/* Root of the tree of the given height whose leaves are leaf(offset + j), j < 2^height.
 * The inner node at height z and local index j is H(left || right) under node_adrs
 * with tree height z and tree index (offset >> z) + j. When auth is not NULL, the
 * authentication path of local leaf auth_idx (height nodes) is written there. */
void pqs_slhdsa_treehash(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *auth,
                         uint32_t auth_idx, unsigned height, uint32_t offset,
                         pqs_slhdsa_adrs node_adrs, pqs_slhdsa_leaf_fn leaf, void *arg);

/* Climb from a leaf to the root with an authentication path (Alg. 11 steps 6-17 and
 * Alg. 17 steps 8-20): adrs holds the leaf's tree index (global) on entry. */
void pqs_slhdsa_root_from_path(const pqs_slhdsa_hctx *c, uint8_t *root, const uint8_t *leaf,
                               uint32_t leaf_idx, const uint8_t *auth, unsigned height,
                               pqs_slhdsa_adrs adrs);

#endif
