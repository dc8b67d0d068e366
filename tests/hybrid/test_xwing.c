/* X-Wing against the draft's test vectors and the CFRG concrete-hybrid-KEM vectors
 * (MLKEM768-X25519), through the name-based API; plus round trips and tampering. */
#include <stdlib.h>
#include <string.h>

#include "hybrid/xwing.h"
#include "pqs_test.h"

static int run_file(const pqs_kem *kem, const char *path, const char *eseed_field)
{
    json_t *root = pqs_test_load_json(path);
    size_t i, cases = 0;
    json_t *tc;
    json_array_foreach(root, i, tc) {
        size_t seed_len, eseed_len;
        uint8_t *seed = pqs_test_json_hex(tc, "seed", &seed_len);
        uint8_t *eseed = pqs_test_json_hex(tc, eseed_field, &eseed_len);
        uint8_t ek[1216], dk[32], ct[1120], ss[32], ss2[32];
        CHECK(seed_len == 32 && eseed_len == 64, "%s #%zu: seed sizes", path, i);
        CHECK(pqs_kem_keypair(kem, ek, dk, seed) == 0, "%s #%zu: keypair", path, i);
        CHECK(pqs_test_eq_hex(ek, sizeof ek, json_string_value(json_object_get(tc, "pk"))),
              "%s #%zu: pk", path, i);
        CHECK(pqs_test_eq_hex(dk, sizeof dk, json_string_value(json_object_get(tc, "sk"))),
              "%s #%zu: sk", path, i);
        CHECK(pqs_kem_encaps(kem, ct, ss, ek, eseed) == 0, "%s #%zu: encaps", path, i);
        CHECK(pqs_test_eq_hex(ct, sizeof ct, json_string_value(json_object_get(tc, "ct"))),
              "%s #%zu: ct", path, i);
        CHECK(pqs_test_eq_hex(ss, sizeof ss, json_string_value(json_object_get(tc, "ss"))),
              "%s #%zu: ss", path, i);
        CHECK(pqs_kem_decaps(kem, ss2, ct, dk) == 0 && memcmp(ss, ss2, 32) == 0,
              "%s #%zu: decaps", path, i);
        free(seed);
        free(eseed);
        cases++;
    }
    json_decref(root);
    return (int)cases;
}

static void round_trips(const pqs_kem *kem)
{
    uint8_t ek[1216], dk[32], ct[1120], ss[32], ss2[32];
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        bad += pqs_kem_keypair(kem, ek, dk, NULL) != 0;
        bad += pqs_kem_encaps(kem, ct, ss, ek, NULL) != 0;
        bad += pqs_kem_decaps(kem, ss2, ct, dk) != 0 || memcmp(ss, ss2, 32) != 0;
        /* Tampering with either half changes the secret (implicit rejection / X25519). */
        ct[i % 1120] ^= 1;
        bad += pqs_kem_decaps(kem, ss2, ct, dk) != 0 || memcmp(ss, ss2, 32) == 0;
    }
    CHECK(bad == 0, "X-Wing round trips: %d failures", bad);
    /* An ML-KEM half that fails the modulus check is refused (FIPS 203 §7.2). */
    memset(ek, 0xff, 384);
    CHECK(pqs_kem_encaps(kem, ct, ss, ek, NULL) == PQS_E_INVALID_KEY, "bad ek refused");
    CHECK(pqs_kem_check_ek(kem, ek) == PQS_E_INVALID_KEY, "check_ek");
}

/* The internal form age uses: pk_X handed in, and a low-order X25519 half reported. */
static void decaps_ex(const pqs_kem *kem)
{
    uint8_t ek[1216], dk[32], ct[1120], ss[32], ss2[32];
    int x_zero = -1;
    CHECK(pqs_kem_keypair(kem, ek, dk, NULL) == 0 && pqs_kem_encaps(kem, ct, ss, ek, NULL) == 0,
          "decaps_ex: key pair and encaps");
    CHECK(pqs_xwing_decaps_ex(ss2, ct, dk, ek + 1184, &x_zero) == 0 && x_zero == 0 &&
              memcmp(ss, ss2, 32) == 0, "decaps_ex with pk_X: same secret, not low order");
    CHECK(pqs_xwing_decaps_ex(ss2, ct, dk, NULL, NULL) == 0 && memcmp(ss, ss2, 32) == 0,
          "decaps_ex deriving pk_X");
    memset(ct + 1088, 0, 32);   /* u = 0: of low order */
    CHECK(pqs_xwing_decaps_ex(ss2, ct, dk, ek + 1184, &x_zero) == 0 && x_zero == 1,
          "decaps_ex reports a low-order X25519 half");
}

int main(void)
{
    const pqs_kem *kem = pqs_kem_find("X-Wing");
    if (!CHECK(kem != NULL, "X-Wing registered"))
        return pqs_test_done("test_hybrid_xwing");
    CHECK(kem->ek_bytes == 1216 && kem->dk_bytes == 32 && kem->ct_bytes == 1120 &&
              kem->keygen_seed_bytes == 32 && kem->encaps_seed_bytes == 64, "X-Wing sizes");
    int n1 = run_file(kem, "xwing/xwing-draft-test-vectors.json", "eseed");
    int n2 = run_file(kem, "xwing/concrete-hybrid-kems-MLKEM768-X25519.json", "randomness");
    CHECK(n1 == 3 && n2 == 10, "vector counts %d/3 and %d/10", n1, n2);
    round_trips(kem);
    decaps_ex(kem);
    return pqs_test_done("test_hybrid_xwing");
}
