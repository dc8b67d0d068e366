/* Differential test of each hash dispatch point: the native backend chosen for this CPU
 * (AVX-512 or BMI Keccak, SHA-NI SHA-256) against the portable code on random inputs,
 * and every single-state Keccak backend this CPU can run, called directly. CTest runs it
 * natively, with PQSAFE_HASH_NO_AVX512=1 and with PQSAFE_FORCE_PORTABLE=1. */
#include <string.h>

#include "core/cpu.h"
#include "hash/fips202.h"
#include "hash/native/x86_64/keccakf1600_bmi.h"
#include "hash/native/x86_64/keccakf1600_x1_avx512.h"
#include "hash/sha2.h"
#include "pqs_test.h"

static void keccak(void)
{
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t a[25], b[25];
        pqs_test_rand((uint8_t *)a, sizeof a);
        memcpy(b, a, sizeof a);
        pqs_keccakf1600(a);
        pqs_keccakf1600_portable(b);
        bad += memcmp(a, b, sizeof a) != 0;
    }
    CHECK(bad == 0, "Keccak-f[1600]: %d of 2000 states differ between backends", bad);
}

/* One backend against the portable permutation on many random states, and on the
 * all-zero and all-one states (FIPS 202 Algorithm 7 has no special cases, but a wrong
 * rotation offset or lane mapping shows on any of them). */
static void keccak_backend(const char *name, void (*fn)(uint64_t s[25]))
{
    int bad = 0, trials = 20000;
    for (int i = 0; i < trials; i++) {
        uint64_t a[25], b[25];
        if (i == 0)
            memset(a, 0, sizeof a);
        else if (i == 1)
            memset(a, 0xFF, sizeof a);
        else
            pqs_test_rand((uint8_t *)a, sizeof a);
        memcpy(b, a, sizeof a);
        fn(a);
        pqs_keccakf1600_portable(b);
        bad += memcmp(a, b, sizeof a) != 0;
    }
    CHECK(bad == 0, "Keccak-f[1600] %s: %d of %d states differ from portable", name, bad, trials);
}

static void keccak_backends(void)
{
    unsigned f = pqs_hash_cpu_features();
    if (pqs_keccakf1600_bmi_available() && (f & PQS_CPU_BMI2))
        keccak_backend("bmi", pqs_keccakf1600_bmi);
    if (pqs_keccakf1600_x1_avx512_available() && (f & PQS_CPU_AVX512))
        keccak_backend("x1_avx512", pqs_keccakf1600_x1_avx512);
    /* Chained: the output of one permutation is the input of the next, as in a sponge. */
    uint64_t a[25], b[25];
    pqs_test_rand((uint8_t *)a, sizeof a);
    memcpy(b, a, sizeof a);
    for (int i = 0; i < 1000; i++) {
        pqs_keccakf1600(a);
        pqs_keccakf1600_portable(b);
    }
    CHECK(memcmp(a, b, sizeof a) == 0, "Keccak-f[1600]: 1000 chained permutations differ");
}

static void sha256(void)
{
    int bad = 0;
    uint8_t blocks[64 * 9];
    for (int i = 0; i < 2000; i++) {
        uint32_t a[8], b[8];
        size_t n = 1 + (size_t)(i % 9);
        pqs_test_rand((uint8_t *)a, sizeof a);
        pqs_test_rand(blocks, 64 * n);
        memcpy(b, a, sizeof a);
        pqs_sha256_compress(a, blocks, n);
        pqs_sha256_compress_portable(b, blocks, n);
        bad += memcmp(a, b, sizeof a) != 0;
    }
    CHECK(bad == 0, "SHA-256 compression: %d of 2000 inputs differ between backends", bad);
}

int main(void)
{
    printf("cpu features: %s\n", pqs_cpu_features());
    keccak();
    keccak_backends();
    sha256();
    return pqs_test_done("test_hash_dispatch");
}
