/* SHA-3 and SHAKE (FIPS 202) on the Keccak-f[1600] permutation, written here.
 * One sponge context serves every function: the rate and the domain-separation
 * byte are the only differences (FIPS 202 sections 6.1 and 6.2). */
#ifndef PQS_HASH_FIPS202_H
#define PQS_HASH_FIPS202_H

#include <stddef.h>
#include <stdint.h>

#define PQS_SHAKE128_RATE 168
#define PQS_SHAKE256_RATE 136
#define PQS_SHA3_256_RATE 136
#define PQS_SHA3_512_RATE 72

/* A sponge: absorb any number of times, then squeeze any number of times.
 * Plain data (no pointers): copying the struct forks the hash, as SLH-DSA and
 * ML-DSA do to reuse an absorbed prefix. */
typedef struct {
    uint64_t s[25];
    unsigned pos;      /* bytes absorbed into / squeezed from the current block */
    unsigned rate;     /* bytes */
    uint8_t dsep;      /* 0x06 SHA-3, 0x1F SHAKE */
    uint8_t squeezing;
} pqs_keccak_ctx;

/* The permutation (FIPS 202 Algorithm 7, 24 rounds); dispatches once to the fastest
 * build for this CPU. */
void pqs_keccakf1600(uint64_t s[25]);
/* The portable build itself, for differential tests. */
void pqs_keccakf1600_portable(uint64_t s[25]);
/* Which build pqs_keccakf1600 dispatches to: "avx512", "bmi2" or "portable". */
const char *pqs_keccakf1600_name(void);

/* The CPU features the hash layer's SIMD dispatch points choose from: those of
 * pqs_cpu_features_mask() (none when PQSAFE_FORCE_PORTABLE=1), without AVX-512 when
 * PQSAFE_HASH_NO_AVX512=1, so the AVX2 backends can be tested on AVX-512 machines.
 * The batched APIs are in keccak_x4.h (Keccak) and sha2.h (SHA-256/512 lanes). */
unsigned pqs_hash_cpu_features(void);

void pqs_shake128_init(pqs_keccak_ctx *c);
void pqs_shake256_init(pqs_keccak_ctx *c);
void pqs_sha3_224_init(pqs_keccak_ctx *c);
void pqs_sha3_256_init(pqs_keccak_ctx *c);
void pqs_sha3_384_init(pqs_keccak_ctx *c);
void pqs_sha3_512_init(pqs_keccak_ctx *c);

void pqs_keccak_absorb(pqs_keccak_ctx *c, const uint8_t *in, size_t len);
/* Squeezing finalises the absorb phase on first call; later calls continue the stream. */
void pqs_keccak_squeeze(pqs_keccak_ctx *c, uint8_t *out, size_t len);
/* Squeeze whole blocks of `rate` bytes (fast path for rejection samplers). */
void pqs_keccak_squeezeblocks(pqs_keccak_ctx *c, uint8_t *out, size_t nblocks);
/* Wipe a context that absorbed secrets. */
void pqs_keccak_wipe(pqs_keccak_ctx *c);

/* One-shot helpers. */
void pqs_sha3_256(uint8_t out[32], const uint8_t *in, size_t len);
void pqs_sha3_512(uint8_t out[64], const uint8_t *in, size_t len);
void pqs_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);
void pqs_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);

#endif
