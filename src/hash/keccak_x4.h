/* Batched Keccak: several independent Keccak-f[1600] states permuted together (one state
 * per 64-bit lane of a vector register), and a 4-way SHA-3 / SHAKE sponge on top.
 *
 * Layout. A batch of L states is "lane-sliced": word i (0..24, FIPS 202 lane
 * A[i mod 5][i / 5]) of state j is s[i * L + j], so word i of all L states is one
 * vector load. Byte b of state j's lane i is byte b of that 64-bit word (little-endian,
 * FIPS 202 section 3.1.2).
 *
 * The 4-way sponge (for ML-KEM matrix and noise sampling, ML-DSA expansion):
 *
 *     pqs_keccak_x4_ctx c;
 *     pqs_shake128_x4_init(&c);
 *     pqs_keccak_x4_absorb(&c, in0, in1, in2, in3, len);   // 4 inputs, same length
 *     pqs_keccak_x4_squeezeblocks(&c, out0, out1, out2, out3, nblocks);
 *
 * computes exactly SHAKE128(in_j) into out_j for j < 4, like four pqs_keccak_ctx; absorb
 * may be called several times (each time with four inputs of one length), squeezing
 * finalises on the first call and continues the stream afterwards. The context is plain
 * data (copying it forks the four hashes). Dispatch: AVX-512 (VL) or AVX2 when the CPU
 * has them (src/core/cpu.h, chosen once; PQSAFE_FORCE_PORTABLE=1 forces the portable
 * loop over the scalar permutation). */
#ifndef PQS_HASH_KECCAK_X4_H
#define PQS_HASH_KECCAK_X4_H

#include <stddef.h>
#include <stdint.h>

#include "fips202.h"

/* Widest batch any backend permutes at once (AVX-512: 8 states). */
#define PQS_KECCAK_MAX_LANES 8

/* The permutation (FIPS 202 Algorithm 7) on 4 / 8 lane-sliced states, through their
 * dispatch points (x4: AVX-512VL, AVX2 or portable; x8: AVX-512, two AVX2 x4 halves, or
 * portable). */
void pqs_keccakf1600_x4(uint64_t s[25 * 4]);
void pqs_keccakf1600_x8(uint64_t s[25 * 8]);
/* The portable versions (a loop over pqs_keccakf1600), for differential tests. */
void pqs_keccakf1600_x4_portable(uint64_t s[25 * 4]);
void pqs_keccakf1600_x8_portable(uint64_t s[25 * 8]);

/* How many states the fastest backend of this CPU permutes at once: 8 with AVX-512, 4
 * with AVX2, 1 otherwise (then pqs_keccakf1600_lanes is the scalar permutation). Code
 * that batches independent hashes sizes its batches with it. */
unsigned pqs_keccak_lanes(void);
/* Permute `lanes` lane-sliced states (any lanes >= 1; 1, 4 and 8 are the fast ones). */
void pqs_keccakf1600_lanes(uint64_t *s, unsigned lanes);

/* The 4-way sponge: four pqs_keccak_ctx with the same rate, padding and position. */
typedef struct {
    uint64_t s[25 * 4];   /* lane-sliced, see above */
    unsigned pos;         /* bytes absorbed into / squeezed from the current block */
    unsigned rate;        /* bytes */
    uint8_t dsep;         /* 0x06 SHA-3, 0x1F SHAKE */
    uint8_t squeezing;
} pqs_keccak_x4_ctx;

void pqs_shake128_x4_init(pqs_keccak_x4_ctx *c);
void pqs_shake256_x4_init(pqs_keccak_x4_ctx *c);
void pqs_sha3_256_x4_init(pqs_keccak_x4_ctx *c);
void pqs_sha3_512_x4_init(pqs_keccak_x4_ctx *c);

/* Absorb in_j into hash j, four inputs of the same length len. */
void pqs_keccak_x4_absorb(pqs_keccak_x4_ctx *c, const uint8_t *in0, const uint8_t *in1,
                          const uint8_t *in2, const uint8_t *in3, size_t len);
/* len bytes of each output stream (finalises the absorb phase on the first call). */
void pqs_keccak_x4_squeeze(pqs_keccak_x4_ctx *c, uint8_t *out0, uint8_t *out1, uint8_t *out2,
                           uint8_t *out3, size_t len);
/* nblocks whole blocks of `rate` bytes into each output (rejection samplers). */
void pqs_keccak_x4_squeezeblocks(pqs_keccak_x4_ctx *c, uint8_t *out0, uint8_t *out1,
                                 uint8_t *out2, uint8_t *out3, size_t nblocks);
/* Wipe a context that absorbed secrets. */
void pqs_keccak_x4_wipe(pqs_keccak_x4_ctx *c);

/* One-shot: out_j = SHAKE128/256(in_j, outlen), all inputs inlen bytes. */
void pqs_shake128_x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3, size_t outlen,
                     const uint8_t *in0, const uint8_t *in1, const uint8_t *in2,
                     const uint8_t *in3, size_t inlen);
void pqs_shake256_x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3, size_t outlen,
                     const uint8_t *in0, const uint8_t *in1, const uint8_t *in2,
                     const uint8_t *in3, size_t inlen);

#endif
