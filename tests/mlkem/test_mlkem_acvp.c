/* NIST ACVP vectors for ML-KEM (FIPS 203): keyGen (75 cases) and encapDecap (165 cases:
 * encapsulation, decapsulation, encapsulationKeyCheck, decapsulationKeyCheck), through
 * the public name-based API. Every group kind is counted, so a skipped group fails. */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"

#define MAX_BUF 4096

/* Look the group's parameter set up by name; a missing set fails the test. */
static const pqs_kem *group_kem(json_t *group)
{
    const char *name = json_string_value(json_object_get(group, "parameterSet"));
    const pqs_kem *kem = pqs_kem_find(name);
    CHECK(kem != NULL, "unknown parameter set %s", name ? name : "(null)");
    return kem;
}

static int tc_id(json_t *t)
{
    return (int)json_integer_value(json_object_get(t, "tcId"));
}

static int keygen_case(const pqs_kem *kem, json_t *t)
{
    size_t dlen, zlen;
    uint8_t seed[64], ek[MAX_BUF], dk[MAX_BUF];
    uint8_t *d = pqs_test_json_hex(t, "d", &dlen), *z = pqs_test_json_hex(t, "z", &zlen);
    int ok = CHECK(dlen == 32 && zlen == 32, "keyGen tc %d: seed sizes", tc_id(t));
    if (ok) {
        memcpy(seed, d, 32);
        memcpy(seed + 32, z, 32);
        ok = CHECK(pqs_kem_keypair(kem, ek, dk, seed) == 0, "keyGen tc %d: rc", tc_id(t));
        ok &= CHECK(pqs_test_eq_hex(ek, kem->ek_bytes, json_string_value(json_object_get(t, "ek"))),
                    "%s keyGen tc %d: ek", kem->name, tc_id(t));
        ok &= CHECK(pqs_test_eq_hex(dk, kem->dk_bytes, json_string_value(json_object_get(t, "dk"))),
                    "%s keyGen tc %d: dk", kem->name, tc_id(t));
    }
    free(d);
    free(z);
    return ok;
}

static void run_keygen(void)
{
    json_t *doc = pqs_test_load_json("acvp/ML-KEM-keyGen-FIPS203/internalProjection.json.gz");
    size_t gi, ti, total = 0, passed = 0;
    json_t *g, *t;
    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        const pqs_kem *kem = group_kem(g);
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            total++;
            passed += kem != NULL && keygen_case(kem, t);
        }
    }
    CHECK(total == 75, "keyGen: %zu cases, expected 75", total);
    printf("ACVP ML-KEM keyGen: %zu/%zu passed\n", passed, total);
    json_decref(doc);
}

static int encaps_case(const pqs_kem *kem, json_t *t)
{
    size_t eklen, mlen;
    uint8_t ct[MAX_BUF], ss[32];
    uint8_t *ek = pqs_test_json_hex(t, "ek", &eklen), *m = pqs_test_json_hex(t, "m", &mlen);
    int ok = CHECK(eklen == kem->ek_bytes && mlen == 32, "encaps tc %d: sizes", tc_id(t));
    if (ok) {
        ok = CHECK(pqs_kem_encaps(kem, ct, ss, ek, m) == 0, "encaps tc %d: rc", tc_id(t));
        ok &= CHECK(pqs_test_eq_hex(ct, kem->ct_bytes, json_string_value(json_object_get(t, "c"))),
                    "%s encaps tc %d: c", kem->name, tc_id(t));
        ok &= CHECK(pqs_test_eq_hex(ss, 32, json_string_value(json_object_get(t, "k"))),
                    "%s encaps tc %d: k", kem->name, tc_id(t));
    }
    free(ek);
    free(m);
    return ok;
}

static int decaps_case(const pqs_kem *kem, json_t *t)
{
    size_t dklen, clen;
    uint8_t ss[32];
    uint8_t *dk = pqs_test_json_hex(t, "dk", &dklen), *c = pqs_test_json_hex(t, "c", &clen);
    int ok = CHECK(dklen == kem->dk_bytes && clen == kem->ct_bytes, "decaps tc %d: sizes", tc_id(t));
    if (ok) {
        ok = CHECK(pqs_kem_decaps(kem, ss, c, dk) == 0, "decaps tc %d: rc", tc_id(t));
        ok &= CHECK(pqs_test_eq_hex(ss, 32, json_string_value(json_object_get(t, "k"))),
                    "%s decaps tc %d (%s): k", kem->name, tc_id(t),
                    json_string_value(json_object_get(t, "reason")));
    }
    free(dk);
    free(c);
    return ok;
}

/* encapsulationKeyCheck: the §7.2 check, and Encaps must refuse a failing key. */
static int ek_check_case(const pqs_kem *kem, json_t *t)
{
    size_t eklen;
    uint8_t ct[MAX_BUF], ss[32], m[32] = {0};
    uint8_t *ek = pqs_test_json_hex(t, "ek", &eklen);
    int want = json_is_true(json_object_get(t, "testPassed"));
    int got = eklen == kem->ek_bytes && pqs_kem_check_ek(kem, ek) == 0;
    int ok = CHECK(got == want, "%s ek check tc %d: got %d want %d", kem->name, tc_id(t), got, want);
    if (eklen == kem->ek_bytes) {
        int rc = pqs_kem_encaps(kem, ct, ss, ek, m);
        ok &= CHECK(rc == (want ? 0 : PQS_E_INVALID_KEY), "ek check tc %d: encaps rc %d", tc_id(t), rc);
    }
    free(ek);
    return ok;
}

/* decapsulationKeyCheck: the §7.3 hash check, and Decaps must refuse a failing key. */
static int dk_check_case(const pqs_kem *kem, json_t *t)
{
    size_t dklen;
    uint8_t ss[32], ct[MAX_BUF] = {0};
    uint8_t *dk = pqs_test_json_hex(t, "dk", &dklen);
    int want = json_is_true(json_object_get(t, "testPassed"));
    int got = dklen == kem->dk_bytes && pqs_kem_check_dk(kem, dk) == 0;
    int ok = CHECK(got == want, "%s dk check tc %d: got %d want %d", kem->name, tc_id(t), got, want);
    if (dklen == kem->dk_bytes) {
        int rc = pqs_kem_decaps(kem, ss, ct, dk);
        ok &= CHECK(rc == (want ? 0 : PQS_E_INVALID_KEY), "dk check tc %d: decaps rc %d", tc_id(t), rc);
    }
    free(dk);
    return ok;
}

static const struct {
    const char *function;
    int (*run)(const pqs_kem *, json_t *);
    size_t expected;
} g_kinds[] = {
    {"encapsulation", encaps_case, 75},
    {"decapsulation", decaps_case, 30},
    {"encapsulationKeyCheck", ek_check_case, 30},
    {"decapsulationKeyCheck", dk_check_case, 30},
};
#define NKINDS (sizeof g_kinds / sizeof g_kinds[0])

static void run_encap_decap(void)
{
    json_t *doc = pqs_test_load_json("acvp/ML-KEM-encapDecap-FIPS203/internalProjection.json.gz");
    size_t gi, ti, total = 0, count[NKINDS] = {0}, passed[NKINDS] = {0};
    json_t *g, *t;
    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        const pqs_kem *kem = group_kem(g);
        const char *fn = json_string_value(json_object_get(g, "function"));
        size_t k = 0;
        while (k < NKINDS && (fn == NULL || strcmp(fn, g_kinds[k].function) != 0))
            k++;
        CHECK(k < NKINDS, "unknown group function %s", fn ? fn : "(null)");
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            total++;
            if (k < NKINDS && kem != NULL) {
                count[k]++;
                passed[k] += g_kinds[k].run(kem, t) != 0;
            }
        }
    }
    for (size_t k = 0; k < NKINDS; k++) {
        CHECK(count[k] == g_kinds[k].expected, "%s: %zu cases, expected %zu", g_kinds[k].function,
              count[k], g_kinds[k].expected);
        printf("ACVP ML-KEM %s: %zu/%zu passed\n", g_kinds[k].function, passed[k], count[k]);
    }
    CHECK(total == 165, "encapDecap: %zu cases, expected 165", total);
    json_decref(doc);
}

int main(void)
{
    run_keygen();
    run_encap_decap();
    return pqs_test_done("test_mlkem_acvp");
}
