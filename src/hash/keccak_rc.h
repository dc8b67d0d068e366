/* The round constants RC[i] of Keccak-f[1600] (FIPS 202 Algorithm 6: rc(t) from the
 * degree-8 LFSR, placed at bit positions 2^j - 1), shared by every backend of the
 * permutation: scalar, BMI2, the batched AVX2/AVX-512 bodies and the single-state
 * AVX-512 code. */
#ifndef PQS_HASH_KECCAK_RC_H
#define PQS_HASH_KECCAK_RC_H

#include <stdint.h>

static const uint64_t pqs_keccak_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

#endif
