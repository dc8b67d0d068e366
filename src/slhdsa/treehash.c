/* Merkle tree computations shared by XMSS and FORS (FIPS 205 §6 and §8). */
#include <string.h>

#include "treehash.h"

#define MAX_HEIGHT (PQS_SLHDSA_MAX_A > PQS_SLHDSA_MAX_HP ? PQS_SLHDSA_MAX_A : PQS_SLHDSA_MAX_HP)

void pqs_slhdsa_treehash(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *auth,
                         uint32_t auth_idx, unsigned height, uint32_t offset,
                         pqs_slhdsa_adrs node_adrs, pqs_slhdsa_leaf_fn leaf, void *arg)
{
    const unsigned n = c->n;
    uint8_t stack[(MAX_HEIGHT + 1) * PQS_SLHDSA_MAX_N];
    unsigned heights[MAX_HEIGHT + 1];
    uint8_t node[PQS_SLHDSA_MAX_N];
    unsigned sp = 0;
    for (uint32_t idx = 0; idx < ((uint32_t)1 << height); idx++) {
        leaf(c, node, offset + idx, arg);
        if (auth != NULL && idx == (auth_idx ^ 1))
            memcpy(auth, node, n);
        /* Merge with every finished left sibling on the stack. */
        unsigned z = 0;
        uint32_t j = idx;
        while (sp > 0 && heights[sp - 1] == z) {
            z++;
            j >>= 1;
            pqs_slhdsa_set_tree_height(node_adrs, z);
            pqs_slhdsa_set_tree_index(node_adrs, (offset >> z) + j);
            c->p->hash->h(c, node, node_adrs, stack + (sp - 1) * n, node);
            sp--;
            if (auth != NULL && z < height && j == ((auth_idx >> z) ^ 1))
                memcpy(auth + z * n, node, n);
        }
        memcpy(stack + sp * n, node, n);
        heights[sp++] = z;
    }
    memcpy(root, stack, n);
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
