/* SHA-256 and SHA-512 families (FIPS 180-4), written here. The compression function
 * is the single point a SHA-NI backend replaces. Contexts are plain data: copying a
 * context forks the hash (SLH-DSA precomputes the PK.seed block this way). */
#ifndef PQS_HASH_SHA2_H
#define PQS_HASH_SHA2_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t nbytes;      /* total bytes absorbed */
    uint8_t buf[64];
    unsigned buflen;
    unsigned outlen;      /* 28 for SHA-224, 32 for SHA-256 */
} pqs_sha256_ctx;

typedef struct {
    uint64_t h[8];
    uint64_t nbytes;      /* total bytes absorbed (< 2^64 is ample) */
    uint8_t buf[128];
    unsigned buflen;
    unsigned outlen;      /* 28, 32, 48 or 64 */
} pqs_sha512_ctx;

void pqs_sha224_init(pqs_sha256_ctx *c);
void pqs_sha256_init(pqs_sha256_ctx *c);
void pqs_sha256_update(pqs_sha256_ctx *c, const uint8_t *in, size_t len);
void pqs_sha256_final(pqs_sha256_ctx *c, uint8_t *out);   /* writes c->outlen bytes */
/* Compress nblocks 64-byte blocks into h (FIPS 180-4 section 6.2.2). */
/* Dispatches once to SHA-NI when the CPU has it, else to the portable code. */
void pqs_sha256_compress(uint32_t h[8], const uint8_t *blocks, size_t nblocks);
/* The portable code itself, for differential tests. */
void pqs_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t nblocks);

void pqs_sha384_init(pqs_sha512_ctx *c);
void pqs_sha512_init(pqs_sha512_ctx *c);
void pqs_sha512_224_init(pqs_sha512_ctx *c);
void pqs_sha512_256_init(pqs_sha512_ctx *c);
void pqs_sha512_update(pqs_sha512_ctx *c, const uint8_t *in, size_t len);
void pqs_sha512_final(pqs_sha512_ctx *c, uint8_t *out);   /* writes c->outlen bytes */
void pqs_sha512_compress(uint64_t h[8], const uint8_t *blocks, size_t nblocks);

void pqs_sha256(uint8_t out[32], const uint8_t *in, size_t len);
void pqs_sha512(uint8_t out[64], const uint8_t *in, size_t len);

/* Multi-lane compression: L independent states, each compressing its own blocks, in the
 * lanes of vector registers (SHA-256: 16 lanes with AVX-512, 8 with AVX2; SHA-512: 8 and
 * 4), for batches of equal-length messages such as SLH-DSA's F, H and T calls, which all
 * continue the same PK.seed block. SHA-NI stays the backend of single-lane work.
 *
 * Lane-sliced layout, so that one word of all lanes is one vector load:
 *   st[i * L + j]              state word i (i < 8) of lane j
 *   w[(16 b + t) * L + j]      message word t (t < 16) of block b of lane j, already
 *                              decoded big-endian (FIPS 180-4 section 3.1 / 5.2)
 * pqs_sha256_lanes() is L for this CPU (chosen once; 1 with PQSAFE_FORCE_PORTABLE=1);
 * the compress functions accept any lanes >= 1 and take the SIMD path when it is L. */
#define PQS_SHA256_MAX_LANES 16
#define PQS_SHA512_MAX_LANES 8
unsigned pqs_sha256_lanes(void);
unsigned pqs_sha512_lanes(void);
void pqs_sha256_compress_lanes(uint32_t *st, const uint32_t *w, size_t nblocks, unsigned lanes);
void pqs_sha512_compress_lanes(uint64_t *st, const uint64_t *w, size_t nblocks, unsigned lanes);
/* The portable code (one lane after the other), for differential tests. */
void pqs_sha256_compress_lanes_portable(uint32_t *st, const uint32_t *w, size_t nblocks,
                                        unsigned lanes);
void pqs_sha512_compress_lanes_portable(uint64_t *st, const uint64_t *w, size_t nblocks,
                                        unsigned lanes);
/* The same on bytes: state h[i] compresses nblocks blocks from blocks[i], i < count
 * (any count; full batches of L lanes run in SIMD, a short last one too). */
void pqs_sha256_compress_many(uint32_t (*h)[8], const uint8_t *const *blocks, size_t nblocks,
                              size_t count);
void pqs_sha512_compress_many(uint64_t (*h)[8], const uint8_t *const *blocks, size_t nblocks,
                              size_t count);

#endif
