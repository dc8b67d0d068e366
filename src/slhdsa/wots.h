/* WOTS+ one-time signatures (FIPS 205 §5, Alg. 5-8) with w = 16. */
#ifndef PQS_SLHDSA_WOTS_H
#define PQS_SLHDSA_WOTS_H

#include <stdint.h>

#include "hash.h"

/* Alg. 7 steps 1-9: the len base-w digits of an n-byte message followed by the
 * three digits of its checksum. */
void pqs_slhdsa_wots_digits(const pqs_slhdsa_params *p, uint32_t digits[PQS_SLHDSA_MAX_LEN],
                            const uint8_t *m);

/* Alg. 6 wots_pkGen for `keys` (<= PQS_SLHDSA_WOTS_BATCH) consecutive key pairs whose
 * chains are computed together: adrs has type WOTS_HASH and the first key pair; public
 * key k goes to pk + k n. When sign_key < keys it also performs Alg. 7 wots_sign with
 * that key for the given digits: chain i's value after digits[i] steps is written to
 * sig + i n, a prefix of the chain pkGen computes anyway. */
void pqs_slhdsa_wots_pkgen(const pqs_slhdsa_hctx *c, uint8_t *pk, const pqs_slhdsa_adrs adrs,
                           unsigned keys, unsigned sign_key, const uint32_t *digits, uint8_t *sig);

/* Alg. 8 wots_pkFromSig for the n-byte message m (adrs: WOTS_HASH, key pair set). */
void pqs_slhdsa_wots_pk_from_sig(const pqs_slhdsa_hctx *c, uint8_t *pk, const uint8_t *sig,
                                 const uint8_t *m, const pqs_slhdsa_adrs adrs);

#endif
