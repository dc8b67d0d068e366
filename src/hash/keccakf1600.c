/* Keccak-f[1600]: the portable permutation and the dispatch point that picks the BMI
 * build of the same code on CPUs that have it (chosen once; PQSAFE_FORCE_PORTABLE=1
 * keeps the portable one). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "fips202.h"
#include "native/x86_64/keccakf1600_bmi.h"

#define PQS_KECCAK_FN pqs_keccakf1600_portable
#define PQS_KECCAK_ATTR
#include "keccakf1600_body.h"

typedef void (*permute_fn)(uint64_t s[25]);
static _Atomic(permute_fn) g_permute;

static permute_fn choose(void)
{
    permute_fn f = pqs_keccakf1600_portable;
    if (pqs_keccakf1600_bmi_available() && (pqs_cpu_features_mask() & PQS_CPU_BMI2))
        f = pqs_keccakf1600_bmi;
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

/* The feature mask of every SIMD dispatch point in src/hash (see fips202.h). */
unsigned pqs_hash_cpu_features(void)
{
    unsigned f = pqs_cpu_features_mask();
    const char *no512 = getenv("PQSAFE_HASH_NO_AVX512");
    if (no512 != NULL && strcmp(no512, "1") == 0)
        f &= ~(unsigned)PQS_CPU_AVX512;
    return f;
}
