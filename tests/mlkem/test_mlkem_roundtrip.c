/* Round trips with fresh randomness: for every parameter set, ITERATIONS key pairs;
 * Decaps(Encaps(ek)) gives the sender's key, and a ciphertext with one flipped bit
 * gives a different key (implicit rejection, FIPS 203 Alg. 18 steps 8-11) equal to
 * J(z || c') = SHAKE256(z || c', 32), with return code 0. */
#include <stdlib.h>
#include <string.h>

#include "hash/fips202.h"
#include "pqs_test.h"

#define ITERATIONS 10000
#define MAX_BUF 4096

static int one_round(const pqs_kem *kem, unsigned iter)
{
    uint8_t ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], ss2[32], kbar[32], r[4];
    int ok = 1;

    ok &= CHECK(pqs_kem_keypair(kem, ek, dk, NULL) == 0, "%s: keypair", kem->name);
    ok &= CHECK(pqs_kem_encaps(kem, ct, ss, ek, NULL) == 0, "%s: encaps", kem->name);
    ok &= CHECK(pqs_kem_decaps(kem, ss2, ct, dk) == 0, "%s: decaps", kem->name);
    ok &= CHECK(memcmp(ss, ss2, 32) == 0, "%s: iteration %u: shared secrets differ", kem->name, iter);

    /* Flip one random bit of the ciphertext. */
    pqs_test_rand(r, sizeof r);
    size_t pos = (((size_t)r[0] << 16) | ((size_t)r[1] << 8) | r[2]) % kem->ct_bytes;
    ct[pos] ^= (uint8_t)(1u << (r[3] & 7));
    ok &= CHECK(pqs_kem_decaps(kem, ss2, ct, dk) == 0, "%s: decaps of a modified ct", kem->name);
    ok &= CHECK(memcmp(ss, ss2, 32) != 0, "%s: iteration %u: modified ct accepted", kem->name, iter);

    /* The rejection key is J(z || c'), z being the last 32 bytes of dk. */
    pqs_keccak_ctx j;
    pqs_shake256_init(&j);
    pqs_keccak_absorb(&j, dk + kem->dk_bytes - 32, 32);
    pqs_keccak_absorb(&j, ct, kem->ct_bytes);
    pqs_keccak_squeeze(&j, kbar, 32);
    ok &= CHECK(memcmp(ss2, kbar, 32) == 0, "%s: iteration %u: rejection key is not J(z||c)",
                kem->name, iter);
    return ok;
}

int main(void)
{
    static const char *const names[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};
    for (size_t n = 0; n < 3; n++) {
        const pqs_kem *kem = pqs_kem_find(names[n]);
        if (!CHECK(kem != NULL, "%s missing", names[n]))
            continue;
        unsigned passed = 0;
        for (unsigned i = 0; i < ITERATIONS; i++)
            passed += (unsigned)one_round(kem, i);
        printf("%s: %u/%u round trips passed\n", kem->name, passed, ITERATIONS);
    }
    return pqs_test_done("test_mlkem_roundtrip");
}
