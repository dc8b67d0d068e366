/* Constant-time helpers shared by every primitive, and the hooks the valgrind
 * constant-time test uses to mark data public (declassify) or secret. */
#ifndef PQS_CORE_CT_H
#define PQS_CORE_CT_H

#include <stddef.h>
#include <stdint.h>

#if defined(PQS_CT_TESTING)
#include <valgrind/memcheck.h>
/* The value is public by design (e.g. a rejection-sampling loop count, FIPS 204 §3.6.3). */
#define PQS_CT_DECLASSIFY(p, len) VALGRIND_MAKE_MEM_DEFINED((p), (len))
/* Treat the bytes as secret: any later branch or index on them is reported by memcheck. */
#define PQS_CT_SECRET(p, len) VALGRIND_MAKE_MEM_UNDEFINED((p), (len))
#else
#define PQS_CT_DECLASSIFY(p, len) ((void)(p), (void)(len))
#define PQS_CT_SECRET(p, len) ((void)(p), (void)(len))
#endif

/* An optimisation barrier: the compiler cannot reason about the value, so it cannot
 * turn mask arithmetic back into a branch. */
static inline uint32_t pqs_ct_barrier_u32(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x));
#endif
    return x;
}

static inline uint64_t pqs_ct_barrier_u64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x));
#endif
    return x;
}

/* 0xFFFFFFFF when x != 0, else 0. */
static inline uint32_t pqs_ct_mask_nonzero_u32(uint32_t x)
{
    x = pqs_ct_barrier_u32(x);
    return (uint32_t)0 - ((x | ((uint32_t)0 - x)) >> 31);
}

/* Returns 0 when a and b are equal, 0xFF otherwise, without early exit. */
static inline uint8_t pqs_ct_memneq(const uint8_t *a, const uint8_t *b, size_t len)
{
    uint32_t acc = 0;
    for (size_t i = 0; i < len; i++)
        acc |= (uint32_t)(a[i] ^ b[i]);
    return (uint8_t)pqs_ct_mask_nonzero_u32(acc);
}

/* r = mask ? x : r, for a byte mask of 0x00 or 0xFF. */
static inline void pqs_ct_cmov(uint8_t *r, const uint8_t *x, size_t len, uint8_t mask)
{
    mask = (uint8_t)pqs_ct_barrier_u32(mask);
    for (size_t i = 0; i < len; i++)
        r[i] ^= (uint8_t)(mask & (r[i] ^ x[i]));
}

#endif
