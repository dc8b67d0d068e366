/* CPUID-based feature detection (Intel SDM vol. 2A, CPUID leaf 7; XGETBV for OS support). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "pqsafe/common.h"

static unsigned g_features;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>

static unsigned long long xgetbv0(void)
{
    unsigned eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

static unsigned detect(void)
{
    unsigned a, b, c, d, f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    int osxsave = (c >> 27) & 1;
    unsigned long long xcr0 = osxsave ? xgetbv0() : 0;
    int ymm_ok = (xcr0 & 0x6) == 0x6;
    int zmm_ok = (xcr0 & 0xe6) == 0xe6;
    if (__get_cpuid_max(0, NULL) < 7)
        return 0;
    __cpuid_count(7, 0, a, b, c, d);
    if (ymm_ok && ((b >> 5) & 1))
        f |= PQS_CPU_AVX2;
    if (zmm_ok && ((b >> 16) & 1) && ((b >> 30) & 1) && ((b >> 31) & 1))
        f |= PQS_CPU_AVX512;
    if ((f & PQS_CPU_AVX512) && ((c >> 6) & 1))
        f |= PQS_CPU_AVX512VBMI2;
    if ((b >> 29) & 1)
        f |= PQS_CPU_SHANI;
    if ((b >> 8) & 1)
        f |= PQS_CPU_BMI2;
    return f;
}
#else
static unsigned detect(void)
{
    return 0;
}
#endif

static int env_is_1(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && strcmp(v, "1") == 0;
}

/* PQSAFE_NO_AVX512=1 hides AVX-512 from every dispatch point, so the AVX2 backends can
 * run the whole test suite (and be measured) on AVX-512 machines. */
static void init_once(void)
{
    g_features = env_is_1("PQSAFE_FORCE_PORTABLE") ? 0 : detect();
    if (env_is_1("PQSAFE_NO_AVX512"))
        g_features &= ~(unsigned)(PQS_CPU_AVX512 | PQS_CPU_AVX512VBMI2);
}

unsigned pqs_cpu_features_mask(void)
{
    pthread_once(&g_once, init_once);
    return g_features;
}

static char g_text[64];
static pthread_once_t g_text_once = PTHREAD_ONCE_INIT;

static void describe(void)
{
    unsigned f = pqs_cpu_features_mask();
    static const struct { unsigned bit; const char *name; } names[] = {
        {PQS_CPU_AVX2, "avx2"}, {PQS_CPU_AVX512, "avx512"},
        {PQS_CPU_SHANI, "sha-ni"}, {PQS_CPU_BMI2, "bmi2"}, {PQS_CPU_AVX512VBMI2, "vbmi2"},
    };
    g_text[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (f & names[i].bit) {
            if (g_text[0])
                strcat(g_text, " ");
            strcat(g_text, names[i].name);
        }
    }
    if (!g_text[0])
        strcpy(g_text, "portable");
}

const char *pqs_cpu_features(void)
{
    pthread_once(&g_text_once, describe);
    return g_text;
}
