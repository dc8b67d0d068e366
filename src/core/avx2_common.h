/* What every AVX2 backend shares: per-function target attributes (the library itself
 * stays baseline x86-64) and the two-half load. Include only under
 * `#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))`. */
#ifndef PQS_CORE_AVX2_COMMON_H
#define PQS_CORE_AVX2_COMMON_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#define PQS_AVX2_FN __attribute__((target("avx2")))
#define PQS_AVX2_INLINE static inline __attribute__((target("avx2"), always_inline))

/* Lane 0 from p[0 .. 15], lane 1 from p[off .. off + 15]. */
PQS_AVX2_INLINE __m256i pqs_avx2_load_lanes(const uint8_t *p, size_t off)
{
    __m128i lo = _mm_loadu_si128((const __m128i *)p);
    __m128i hi = _mm_loadu_si128((const __m128i *)(p + off));
    return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
}

#endif
