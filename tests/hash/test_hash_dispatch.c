/* Differential test of each hash dispatch point: the native backend chosen for this CPU
 * (BMI Keccak, SHA-NI SHA-256) against the portable code on random inputs. */
#include <string.h>

#include "hash/fips202.h"
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
    sha256();
    return pqs_test_done("test_hash_dispatch");
}
