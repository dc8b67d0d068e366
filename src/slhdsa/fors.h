/* FORS few-time signatures (FIPS 205 §8, Alg. 14-17). */
#ifndef PQS_SLHDSA_FORS_H
#define PQS_SLHDSA_FORS_H

#include <stdint.h>

#include "hash.h"

/* Alg. 16 fors_sign of the message digest md (the first ceil(k a / 8) bytes of H_msg)
 * into sig_fors (k (a + 1) n bytes), and the FORS public key (Alg. 17's result) from
 * the tree roots computed on the way. adrs: FORS_TREE type with tree and key pair. */
void pqs_slhdsa_fors_sign(const pqs_slhdsa_hctx *c, uint8_t *sig_fors, uint8_t *pk_fors,
                          const uint8_t *md, const pqs_slhdsa_adrs adrs);

/* Alg. 17 fors_pkFromSig. */
void pqs_slhdsa_fors_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *pk_fors,
                                 const uint8_t *sig_fors, const uint8_t *md,
                                 const pqs_slhdsa_adrs adrs);

#endif
