/* Keccak-f[1600]: the portable permutation and the dispatch point of the single-state
 * permutation, chosen once: the latency-optimised AVX-512VL code on CPUs with AVX-512
 * (unless PQSAFE_HASH_NO_AVX512=1), else the BMI build of the portable code on CPUs with
 * BMI2, else the portable code (always with PQSAFE_FORCE_PORTABLE=1). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "fips202.h"
#include "native/x86_64/keccakf1600_bmi.h"
#include "native/x86_64/keccakf1600_x1_avx512.h"

#define PQS_KECCAK_FN pqs_keccakf1600_portable
#define PQS_KECCAK_ATTR
#include "keccakf1600_body.h"

typedef void (*permute_fn)(uint64_t s[25]);
static _Atomic(permute_fn) g_permute;

static permute_fn choose(void)
{
    permute_fn f = pqs_keccakf1600_portable;
    unsigned feat = pqs_hash_cpu_features();
    if (pqs_keccakf1600_bmi_available() && (feat & PQS_CPU_BMI2))
        f = pqs_keccakf1600_bmi;
    if (pqs_keccakf1600_x1_avx512_available() && (feat & PQS_CPU_AVX512))
        f = pqs_keccakf1600_x1_avx512;
    atomic_store_explicit(&g_permute, f, memory_order_relaxed);
    return f;
}

void pqs_keccakf1600(uint64_t s[25])
{
    permute_fn f = atomic_load_explicit(&g_permute, memory_order_relaxed);
    if (f == NULL)
        f = choose();
    f(s);
}

const char *pqs_keccakf1600_name(void)
{
    permute_fn f = atomic_load_explicit(&g_permute, memory_order_relaxed);
    if (f == NULL)
        f = choose();
    if (f == pqs_keccakf1600_x1_avx512)
        return "avx512";
    return f == pqs_keccakf1600_bmi ? "bmi2" : "portable";
}

/* The feature mask of every SIMD dispatch point in src/hash (see fips202.h). */
unsigned pqs_hash_cpu_features(void)
{
    unsigned f = pqs_cpu_features_mask();
    const char *no512 = getenv("PQSAFE_HASH_NO_AVX512");
    if (no512 != NULL && strcmp(no512, "1") == 0)
        f &= ~(unsigned)PQS_CPU_AVX512;
    return f;
}
