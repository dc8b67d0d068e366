/* XMSS trees (FIPS 205 §6, Alg. 9-11) and the hypertree (§7, Alg. 12-13). */
#ifndef PQS_SLHDSA_XMSS_H
#define PQS_SLHDSA_XMSS_H

#include <stdint.h>

#include "hash.h"

/* Alg. 9 xmss_node(SK.seed, 0, h') and Alg. 10 xmss_sign together: the root of the
 * XMSS tree whose layer and tree address are in adrs, and, when sig is not NULL, the
 * signature WOTS sig || AUTH of the n-byte message m by leaf idx. */
void pqs_slhdsa_xmss_sign(const pqs_slhdsa_hctx *c, uint8_t *root, uint8_t *sig,
                          const uint8_t *m, uint32_t idx, const pqs_slhdsa_adrs adrs);

/* Alg. 11 xmss_pkFromSig: the root implied by a signature of m by leaf idx. */
void pqs_slhdsa_xmss_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *root, uint32_t idx,
                                 const uint8_t *sig, const uint8_t *m,
                                 const pqs_slhdsa_adrs adrs);

/* Alg. 12 ht_sign: d XMSS signatures, each signing the root of the tree below. */
void pqs_slhdsa_ht_sign(const pqs_slhdsa_hctx *c, uint8_t *sig_ht, const uint8_t *m,
                        uint64_t idx_tree, uint32_t idx_leaf);

/* Alg. 13 ht_verify: 0 when the signature leads to pk_root, else PQS_E_VERIFY. */
int pqs_slhdsa_ht_verify(const pqs_slhdsa_hctx *c, const uint8_t *m, const uint8_t *sig_ht,
                         uint64_t idx_tree, uint32_t idx_leaf, const uint8_t *pk_root);

#endif
