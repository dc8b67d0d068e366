/* Constant-time check, run under valgrind memcheck (pqs_add_ct_test): the secret inputs
 * d, z (KeyGen), m (Encaps) and dk (Decaps) are marked undefined, so any branch or memory
 * index that depends on them is reported as an error. Outputs are declassified before
 * they are compared. Both Decaps paths run: a valid ciphertext and a modified one
 * (implicit rejection). */
#include <string.h>

#include "core/ct.h"
#include "pqs_test.h"

#define MAX_BUF 4096

static void run(const pqs_kem *k)
{
    uint8_t seed[64], m[32], ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], ss2[32];
    pqs_test_rand(seed, sizeof seed);
    pqs_test_rand(m, sizeof m);

    PQS_CT_SECRET(seed, sizeof seed);
    CHECK(pqs_kem_keypair(k, ek, dk, seed) == 0, "%s: keypair", k->name);
    PQS_CT_DECLASSIFY(ek, k->ek_bytes);
    PQS_CT_DECLASSIFY(dk, k->dk_bytes);

    PQS_CT_SECRET(m, sizeof m);
    CHECK(pqs_kem_encaps(k, ct, ss, ek, m) == 0, "%s: encaps", k->name);
    PQS_CT_DECLASSIFY(ct, k->ct_bytes);
    PQS_CT_DECLASSIFY(ss, sizeof ss);

    PQS_CT_SECRET(dk, k->dk_bytes);
    CHECK(pqs_kem_decaps(k, ss2, ct, dk) == 0, "%s: decaps", k->name);
    PQS_CT_DECLASSIFY(ss2, sizeof ss2);
    CHECK(memcmp(ss, ss2, sizeof ss) == 0, "%s: shared secrets agree", k->name);

    ct[k->ct_bytes / 2] ^= 0x10;
    PQS_CT_SECRET(dk, k->dk_bytes);
    CHECK(pqs_kem_decaps(k, ss2, ct, dk) == 0, "%s: decaps of a modified ct", k->name);
    PQS_CT_DECLASSIFY(ss2, sizeof ss2);
    CHECK(memcmp(ss, ss2, sizeof ss) != 0, "%s: implicit rejection", k->name);
}

int main(void)
{
    static const char *const names[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};
    for (size_t n = 0; n < 3; n++) {
        const pqs_kem *k = pqs_kem_find(names[n]);
        if (CHECK(k != NULL, "%s missing", names[n]))
            run(k);
    }
    return pqs_test_done("test_mlkem_ct");
}
