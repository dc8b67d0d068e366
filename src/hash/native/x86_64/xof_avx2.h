/* Copying the output blocks out of lane-sliced Keccak states (hash/xof_lanes.c) with
 * AVX2: 4 x 4 transposes of 64-bit words instead of one strided load per word. Only
 * called with 4 or 8 lanes, which the hash layer picks only on CPUs with AVX2. */
#ifndef PQS_HASH_NATIVE_X86_64_XOF_AVX2_H
#define PQS_HASH_NATIVE_X86_64_XOF_AVX2_H

#include <stdint.h>

#define PQS_XOF_BLOCK_MAX 168

/* 1 when compiled in (x86-64, GCC/Clang). */
int pqs_xof_extract_avx2_available(void);
/* The first 8 words bytes of out[j] = words 0 .. words-1 of lane j of s (lane-sliced,
 * `lanes` wide), for the lanes j < 4 (pass s + 4 and out + 4 for lanes 4-7 of 8);
 * lanes is 4 or 8, words <= 21. */
void pqs_xof_extract_avx2(uint8_t (*out)[PQS_XOF_BLOCK_MAX], const uint64_t *s, unsigned lanes,
                          unsigned words);

#endif
