/* The 32-byte address ADRS of FIPS 205 §4.2 and its member functions (Table 1),
 * plus the 22-byte compressed form ADRSc used by the SHA2 sets (§11.2).
 *
 * Layout (big-endian words): layer [0,4) | tree [4,16) | type [16,20) |
 * key pair [20,24) | chain / tree height [24,28) | hash / tree index [28,32). */
#ifndef PQS_SLHDSA_ADDRESS_H
#define PQS_SLHDSA_ADDRESS_H

#include <stdint.h>
#include <string.h>

#define PQS_SLHDSA_ADRS_BYTES 32
#define PQS_SLHDSA_ADRSC_BYTES 22

/* Address types (FIPS 205 §4.2). */
enum {
    PQS_SLHDSA_WOTS_HASH = 0,
    PQS_SLHDSA_WOTS_PK = 1,
    PQS_SLHDSA_TREE = 2,
    PQS_SLHDSA_FORS_TREE = 3,
    PQS_SLHDSA_FORS_ROOTS = 4,
    PQS_SLHDSA_WOTS_PRF = 5,
    PQS_SLHDSA_FORS_PRF = 6
};

typedef uint8_t pqs_slhdsa_adrs[PQS_SLHDSA_ADRS_BYTES];

static inline void pqs_slhdsa_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline uint32_t pqs_slhdsa_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void pqs_slhdsa_adrs_zero(pqs_slhdsa_adrs a)
{
    memset(a, 0, PQS_SLHDSA_ADRS_BYTES);
}

static inline void pqs_slhdsa_set_layer(pqs_slhdsa_adrs a, uint32_t layer)
{
    pqs_slhdsa_put32(a + 0, layer);
}

/* The tree address is 12 bytes; every set's tree index fits in 64 bits (h - h' <= 64),
 * so the top 4 bytes stay zero. */
static inline void pqs_slhdsa_set_tree(pqs_slhdsa_adrs a, uint64_t tree)
{
    pqs_slhdsa_put32(a + 4, 0);
    pqs_slhdsa_put32(a + 8, (uint32_t)(tree >> 32));
    pqs_slhdsa_put32(a + 12, (uint32_t)tree);
}

/* setTypeAndClear: the type changes and the last three words are zeroed. */
static inline void pqs_slhdsa_set_type_and_clear(pqs_slhdsa_adrs a, uint32_t type)
{
    pqs_slhdsa_put32(a + 16, type);
    memset(a + 20, 0, 12);
}

static inline void pqs_slhdsa_set_keypair(pqs_slhdsa_adrs a, uint32_t i)
{
    pqs_slhdsa_put32(a + 20, i);
}

static inline uint32_t pqs_slhdsa_get_keypair(const pqs_slhdsa_adrs a)
{
    return pqs_slhdsa_get32(a + 20);
}

/* setChainAddress and setTreeHeight share word 6. */
static inline void pqs_slhdsa_set_chain(pqs_slhdsa_adrs a, uint32_t i)
{
    pqs_slhdsa_put32(a + 24, i);
}

static inline void pqs_slhdsa_set_tree_height(pqs_slhdsa_adrs a, uint32_t z)
{
    pqs_slhdsa_put32(a + 24, z);
}

/* setHashAddress and setTreeIndex share word 7. */
static inline void pqs_slhdsa_set_hash(pqs_slhdsa_adrs a, uint32_t i)
{
    pqs_slhdsa_put32(a + 28, i);
}

static inline void pqs_slhdsa_set_tree_index(pqs_slhdsa_adrs a, uint32_t i)
{
    pqs_slhdsa_put32(a + 28, i);
}

static inline uint32_t pqs_slhdsa_get_tree_index(const pqs_slhdsa_adrs a)
{
    return pqs_slhdsa_get32(a + 28);
}

/* ADRSc = ADRS[3] || ADRS[8:16] || ADRS[19] || ADRS[20:32] (FIPS 205 §11.2): one byte
 * of layer, the low 8 bytes of tree, one byte of type, then the last 12 bytes. */
static inline void pqs_slhdsa_adrs_compress(uint8_t out[PQS_SLHDSA_ADRSC_BYTES],
                                            const pqs_slhdsa_adrs a)
{
    out[0] = a[3];
    memcpy(out + 1, a + 8, 8);
    out[9] = a[19];
    memcpy(out + 10, a + 20, 12);
}

#endif
