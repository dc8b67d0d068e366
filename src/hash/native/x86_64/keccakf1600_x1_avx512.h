/* Keccak-f[1600] on one state with AVX-512VL, latency-optimised (two lanes per XMM
 * register, in-block shuffles only). Dispatch in src/hash/keccakf1600.c. */
#ifndef PQS_HASH_KECCAKF1600_X1_AVX512_H
#define PQS_HASH_KECCAKF1600_X1_AVX512_H

#include <stdint.h>

/* 1 when compiled in (x86-64, GCC/Clang); the CPU check (AVX-512 F + VL) is the caller's. */
int pqs_keccakf1600_x1_avx512_available(void);
void pqs_keccakf1600_x1_avx512(uint64_t s[25]);

#endif
