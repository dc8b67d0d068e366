/* Encodings of ML-DSA keys and signatures (FIPS 204 section 7.1-7.2, Algorithms 16-28). */
#ifndef PQS_MLDSA_PACK_H
#define PQS_MLDSA_PACK_H

#include <stdint.h>

#include "mldsa/params.h"

/* The packer behind Algorithms 16-19 (portable; the backend's may be native): stores
 * (add + mul a_i) mod 2^bits in bits bits each, least significant bit first, mul = +-1,
 * 1 <= bits <= 24; and the inverse, a_i = add + mul field_i. Constant time. */
void pqs_mldsa_pack_bits(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits, int32_t add,
                         int32_t mul);
void pqs_mldsa_unpack_bits(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits, int32_t add,
                           int32_t mul);

/* Algorithm 16 (SimpleBitPack): coefficients in [0, 2^bits), 32 * bits bytes. */
void pqs_mldsa_simplebitpack(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits);
/* Algorithm 17 (BitPack): stores b - a_i in bits bits, for a_i in [b - 2^bits + 1, b]. */
void pqs_mldsa_bitpack(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits, int32_t b);
/* Algorithms 18 and 19: the inverses (every bit string decodes). */
void pqs_mldsa_simplebitunpack(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits);
void pqs_mldsa_bitunpack(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits, int32_t b);

/* Algorithms 22 and 23: pk = rho || SimpleBitPack(t1[i], 10 bits). */
void pqs_mldsa_pk_encode(const pqs_mldsa_params *p, uint8_t *pk,
                         const uint8_t rho[PQS_MLDSA_SEED_BYTES], const pqs_mldsa_poly *t1);
void pqs_mldsa_pk_decode(const pqs_mldsa_params *p, uint8_t rho[PQS_MLDSA_SEED_BYTES],
                         pqs_mldsa_poly *t1, const uint8_t *pk);

/* Algorithm 24: sk = rho || K || tr || s1 || s2 || t0. */
void pqs_mldsa_sk_encode(const pqs_mldsa_params *p, uint8_t *sk,
                         const uint8_t rho[PQS_MLDSA_SEED_BYTES],
                         const uint8_t key[PQS_MLDSA_SEED_BYTES],
                         const uint8_t tr[PQS_MLDSA_TR_BYTES], const pqs_mldsa_poly *s1,
                         const pqs_mldsa_poly *s2, const pqs_mldsa_poly *t0);
/* Algorithm 25. Returns 0, or 0xFFFFFFFF when a coefficient of s1 or s2 lies outside
 * [-eta, eta] (a malformed key); computed in constant time, not yet declassified. */
uint32_t pqs_mldsa_sk_decode(const pqs_mldsa_params *p, uint8_t rho[PQS_MLDSA_SEED_BYTES],
                             uint8_t key[PQS_MLDSA_SEED_BYTES], uint8_t tr[PQS_MLDSA_TR_BYTES],
                             pqs_mldsa_poly *s1, pqs_mldsa_poly *s2, pqs_mldsa_poly *t0,
                             const uint8_t *sk);

/* Algorithm 26: sig = c~ || BitPack(z[i], gamma1 - 1, gamma1) || HintBitPack(h).
 * z and h must be public (the accepted signature). */
void pqs_mldsa_sig_encode(const pqs_mldsa_params *p, uint8_t *sig, const uint8_t *ctilde,
                          const pqs_mldsa_poly *z, const pqs_mldsa_poly *h);
/* Algorithm 27 with Algorithm 21: 0, or -1 when the hint encoding is not canonical
 * (the signature must then be rejected). */
int pqs_mldsa_sig_decode(const pqs_mldsa_params *p, uint8_t *ctilde, pqs_mldsa_poly *z,
                         pqs_mldsa_poly *h, const uint8_t *sig);

/* Algorithm 28 for one polynomial: 32 * w1_bits bytes. */
void pqs_mldsa_w1_encode(const pqs_mldsa_params *p, uint8_t *out, const pqs_mldsa_poly *w1);
/* Sign's commitment tail (FIPS 204 Algorithm 7 steps 13 and 15, one polynomial): w, with
 * |w_i| < q, is frozen to [0, q) in place and w1Encode(HighBits(w)) written to out.
 * Portable; backends fuse it (backend.h). */
void pqs_mldsa_w1_pack(const pqs_mldsa_params *p, uint8_t *out, pqs_mldsa_poly *w);

#endif
