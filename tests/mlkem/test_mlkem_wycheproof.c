/* Wycheproof ML-KEM vectors (C2SP/wycheproof, 12 files, 1701 cases) through the public
 * API. Lengths are checked against the parameter set before any call, as an application
 * must (a pointer carries no length); "invalid" cases must be rejected either by that
 * length check or by the library's FIPS 203 §7 input checks. Every case of every file is
 * counted against the file's numberOfTests. */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"

#define MAX_BUF 4096

typedef struct {
    size_t valid_ok, invalid_ok, total;
    size_t lib_rejected;   /* invalid cases refused by the library itself (not by length) */
} tally;

/* A hex field, or NULL with *len = 0 when absent. */
static uint8_t *opt_hex(json_t *t, const char *key, size_t *len)
{
    json_t *v = json_object_get(t, key);
    if (!json_is_string(v)) {
        *len = 0;
        return NULL;
    }
    return pqs_test_unhex(json_string_value(v), len);
}

static int result_is(json_t *t, const char *want)
{
    const char *r = json_string_value(json_object_get(t, "result"));
    return r != NULL && strcmp(r, want) == 0;
}

static int is_valid(json_t *t)
{
    return result_is(t, "valid");
}

static int tc_id(json_t *t)
{
    return (int)json_integer_value(json_object_get(t, "tcId"));
}

/* Record an outcome: a case passes when `accepted` matches the expected result and, for
 * a valid case, the outputs matched ("acceptable" allows either outcome; these files
 * have none today). */
static void record(tally *ty, const pqs_kem *kem, json_t *t, int called, int accepted,
                   int outputs_ok)
{
    int valid = is_valid(t);
    int ok = valid ? accepted && outputs_ok : !accepted;
    if (result_is(t, "acceptable"))
        ok = !accepted || outputs_ok;
    CHECK(ok, "%s tc %d (%s): accepted=%d outputs_ok=%d expected %s", kem->name, tc_id(t),
          json_string_value(json_object_get(t, "comment")), accepted, outputs_ok,
          valid ? "valid" : "invalid");
    if (ok)
        *(valid ? &ty->valid_ok : &ty->invalid_ok) += 1;
    if (ok && !valid && called)
        ty->lib_rejected++;
}

/* MLKEMTest: KeyGen from seed (must give ek when given), then Decaps(dk, c) = K. */
static void keygen_decaps_case(tally *ty, const pqs_kem *kem, json_t *t)
{
    size_t slen, eklen, clen, klen;
    uint8_t ek[MAX_BUF], dk[MAX_BUF], ss[32];
    uint8_t *seed = opt_hex(t, "seed", &slen), *wek = opt_hex(t, "ek", &eklen);
    uint8_t *c = opt_hex(t, "c", &clen), *k = opt_hex(t, "K", &klen);
    int called = 0, accepted = 0, outputs_ok = 0;
    if (slen == kem->keygen_seed_bytes && clen == kem->ct_bytes &&
        pqs_kem_keypair(kem, ek, dk, seed) == 0) {
        called = 1;
        outputs_ok = wek == NULL || (eklen == kem->ek_bytes && memcmp(ek, wek, eklen) == 0);
        accepted = pqs_kem_decaps(kem, ss, c, dk) == 0;
        outputs_ok &= klen == 32 && memcmp(ss, k, 32) == 0;
    }
    record(ty, kem, t, called, accepted, outputs_ok);
    free(seed), free(wek), free(c), free(k);
}

/* MLKEMEncapsTest: Encaps_internal(ek, m) = (c, K); invalid keys fail §7.2. */
static void encaps_case(tally *ty, const pqs_kem *kem, json_t *t)
{
    size_t eklen, mlen, clen, klen;
    uint8_t ct[MAX_BUF], ss[32];
    uint8_t *ek = opt_hex(t, "ek", &eklen), *m = opt_hex(t, "m", &mlen);
    uint8_t *c = opt_hex(t, "c", &clen), *k = opt_hex(t, "K", &klen);
    int called = 0, accepted = 0, outputs_ok = 0;
    if (eklen == kem->ek_bytes && mlen == kem->encaps_seed_bytes) {
        int rc = pqs_kem_encaps(kem, ct, ss, ek, m);
        called = 1;
        CHECK(rc == 0 || rc == PQS_E_INVALID_KEY, "%s encaps tc %d: rc %d", kem->name, tc_id(t), rc);
        accepted = rc == 0;
        outputs_ok = clen == kem->ct_bytes && memcmp(ct, c, clen) == 0 && klen == 32 &&
                     memcmp(ss, k, 32) == 0;
    }
    record(ty, kem, t, called, accepted, outputs_ok);
    free(ek), free(m), free(c), free(k);
}

/* MLKEMKeyGen: KeyGen_internal(d, z) = (ek, dk). */
static void keygen_case(tally *ty, const pqs_kem *kem, json_t *t)
{
    size_t slen, eklen, dklen;
    uint8_t ek[MAX_BUF], dk[MAX_BUF];
    uint8_t *seed = opt_hex(t, "seed", &slen), *wek = opt_hex(t, "ek", &eklen);
    uint8_t *wdk = opt_hex(t, "dk", &dklen);
    int called = 0, accepted = 0, outputs_ok = 0;
    if (slen == kem->keygen_seed_bytes) {
        called = 1;
        accepted = pqs_kem_keypair(kem, ek, dk, seed) == 0;
        outputs_ok = eklen == kem->ek_bytes && memcmp(ek, wek, eklen) == 0 &&
                     dklen == kem->dk_bytes && memcmp(dk, wdk, dklen) == 0;
    }
    record(ty, kem, t, called, accepted, outputs_ok);
    free(seed), free(wek), free(wdk);
}

/* MLKEMDecapsValidationTest: Decaps with an expanded dk; bad keys fail §7.3. */
static void semi_expanded_case(tally *ty, const pqs_kem *kem, json_t *t)
{
    size_t dklen, eklen, clen, klen;
    uint8_t ss[32];
    uint8_t *dk = opt_hex(t, "dk", &dklen), *ek = opt_hex(t, "ek", &eklen);
    uint8_t *c = opt_hex(t, "c", &clen), *k = opt_hex(t, "K", &klen);
    int called = 0, accepted = 0, outputs_ok = 0;
    if (dklen == kem->dk_bytes && clen == kem->ct_bytes) {
        int rc = pqs_kem_decaps(kem, ss, c, dk);
        called = 1;
        CHECK(rc == 0 || rc == PQS_E_INVALID_KEY, "%s decaps tc %d: rc %d", kem->name, tc_id(t), rc);
        accepted = rc == 0;
        /* ek is the encapsulation key embedded in dk, after the 384k = ek_bytes - 32
         * bytes of s-hat. */
        outputs_ok = klen == 32 && memcmp(ss, k, 32) == 0 && eklen == kem->ek_bytes &&
                     memcmp(dk + kem->ek_bytes - 32, ek, eklen) == 0;
    }
    record(ty, kem, t, called, accepted, outputs_ok);
    free(dk), free(ek), free(c), free(k);
}

static const struct {
    const char *suffix;
    const char *type;
    void (*run)(tally *, const pqs_kem *, json_t *);
} g_kinds[] = {
    {"test", "MLKEMTest", keygen_decaps_case},
    {"encaps_test", "MLKEMEncapsTest", encaps_case},
    {"keygen_seed_test", "MLKEMKeyGen", keygen_case},
    {"semi_expanded_decaps_test", "MLKEMDecapsValidationTest", semi_expanded_case},
};

static size_t g_all_cases;

static void run_file(const char *set, size_t kind)
{
    char path[256];
    snprintf(path, sizeof path, "wycheproof/testvectors_v1/mlkem_%s_%s.json.gz", set,
             g_kinds[kind].suffix);
    json_t *doc = pqs_test_load_json(path);
    tally ty = {0, 0, 0, 0};
    size_t gi, ti, valid = 0;
    json_t *g, *t;
    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        const char *type = json_string_value(json_object_get(g, "type"));
        const char *ps = json_string_value(json_object_get(g, "parameterSet"));
        const pqs_kem *kem = pqs_kem_find(ps);
        if (!CHECK(kem != NULL && type != NULL && strcmp(type, g_kinds[kind].type) == 0,
                   "%s: group type %s / set %s", path, type ? type : "?", ps ? ps : "?"))
            continue;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            ty.total++;
            valid += is_valid(t);
            g_kinds[kind].run(&ty, kem, t);
        }
    }
    size_t declared = (size_t)json_integer_value(json_object_get(doc, "numberOfTests"));
    CHECK(ty.total == declared && declared > 0, "%s: evaluated %zu of %zu", path, ty.total, declared);
    printf("%-46s valid %zu/%zu, invalid rejected %zu/%zu (%zu by the library, the rest by "
           "length)\n", path + 26, ty.valid_ok, valid, ty.invalid_ok, ty.total - valid,
           ty.lib_rejected);
    g_all_cases += ty.total;
    json_decref(doc);
}

int main(void)
{
    static const char *const sets[] = {"512", "768", "1024"};
    for (size_t s = 0; s < 3; s++) {
        for (size_t k = 0; k < sizeof g_kinds / sizeof g_kinds[0]; k++)
            run_file(sets[s], k);
    }
    CHECK(g_all_cases == 1701, "evaluated %zu cases in all, expected 1701", g_all_cases);
    return pqs_test_done("test_mlkem_wycheproof");
}
