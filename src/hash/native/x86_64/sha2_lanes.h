/* Multi-lane SHA-256 / SHA-512 compression backends (dispatch in src/hash/sha256.c and
 * src/hash/sha512.c): L independent states, each compressing its own blocks, one state
 * per 32-bit (SHA-256) or 64-bit (SHA-512) lane of a vector register. SHA-256: 8 lanes
 * with AVX2, 16 with AVX-512; SHA-512: 4 lanes with AVX2, 8 with AVX-512.
 *
 * Data is lane-sliced (see sha2.h): state word i of lane j at st[i * L + j], message word
 * t (already big-endian decoded) of block b of lane j at w[(16 b + t) * L + j]. */
#ifndef PQS_HASH_SHA2_LANES_H
#define PQS_HASH_SHA2_LANES_H

#include <stddef.h>
#include <stdint.h>

/* 1 when the backends were compiled in (x86-64 with GCC/Clang); the CPU check is separate. */
int pqs_sha2_lanes_avx2_available(void);
int pqs_sha2_lanes_avx512_available(void);

void pqs_sha256_x8_avx2(uint32_t st[8 * 8], const uint32_t *w, size_t nblocks,
                        const uint32_t k[64]);
void pqs_sha256_x16_avx512(uint32_t st[8 * 16], const uint32_t *w, size_t nblocks,
                           const uint32_t k[64]);
void pqs_sha512_x4_avx2(uint64_t st[8 * 4], const uint64_t *w, size_t nblocks,
                        const uint64_t k[80]);
void pqs_sha512_x8_avx512(uint64_t st[8 * 8], const uint64_t *w, size_t nblocks,
                          const uint64_t k[80]);

#endif
