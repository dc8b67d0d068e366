/* Keccak lanes are little-endian 64-bit words (FIPS 202 §3.1.2): one load and one store
 * for every sponge in this folder; memcpy compiles to a single instruction. */
#ifndef PQS_HASH_LANES_LE_H
#define PQS_HASH_LANES_LE_H

#include <stdint.h>
#include <string.h>

static inline uint64_t pqs_load64_le(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void pqs_store64_le(uint8_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

#endif
