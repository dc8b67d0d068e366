/* Batched Keccak-f[1600] backends (dispatch in src/hash/keccak_x4.c): 4 states in the
 * 64-bit lanes of a __m256i (AVX2, or AVX-512VL for ternary logic and rotations on ymm)
 * and 8 states in a __m512i (AVX-512F). States are lane-sliced: word i of state j at
 * s[i * L + j] (see src/hash/keccak_x4.h). */
#ifndef PQS_HASH_KECCAKF1600_XN_H
#define PQS_HASH_KECCAKF1600_XN_H

#include <stdint.h>

/* 1 when the backend was compiled in (x86-64 with GCC/Clang); the CPU check is separate. */
int pqs_keccakf1600_avx2_available(void);
int pqs_keccakf1600_avx512_available(void);

void pqs_keccakf1600_x4_avx2(uint64_t s[25 * 4]);
void pqs_keccakf1600_x4_avx512vl(uint64_t s[25 * 4]);
void pqs_keccakf1600_x8_avx512(uint64_t s[25 * 8]);

#endif
