/* The name-based KEM API over ML-KEM: lookup, sizes (FIPS 203 §8 Table 3), argument
 * checks, zeroed outputs on error, the §7.2/§7.3 key checks, determinism, and agreement
 * with the internal derandomised interface (src/mlkem/mlkem.h) other modules use. */
#include <string.h>

#include "mlkem/mlkem.h"
#include "pqs_test.h"

#define MAX_BUF 4096

static const struct {
    const char *name;
    size_t ek, dk, ct;
    int category;
    const pqs_mlkem_params *params;
} g_sets[] = {
    {"ML-KEM-512", 800, 1632, 768, 1, &pqs_mlkem512},
    {"ML-KEM-768", 1184, 2400, 1088, 3, &pqs_mlkem768},
    {"ML-KEM-1024", 1568, 3168, 1568, 5, &pqs_mlkem1024},
};
#define NSETS (sizeof g_sets / sizeof g_sets[0])

static int all_bytes(const uint8_t *p, size_t len, uint8_t v)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != v)
            return 0;
    }
    return 1;
}

static void test_lookup(void)
{
    size_t mlkem_entries = 0;
    const pqs_kem *a;
    for (size_t i = 0; (a = pqs_kem_at(i)) != NULL; i++) {
        CHECK(pqs_kem_find(a->name) == a, "entry %zu (%s) not found by its name", i, a->name);
        mlkem_entries += strncmp(a->name, "ML-KEM-", 7) == 0;
    }
    CHECK(mlkem_entries == 3, "%zu ML-KEM entries listed", mlkem_entries);
    CHECK(pqs_kem_find("ml-kem-768") == pqs_kem_find("ML-KEM-768"), "case-insensitive lookup");
    CHECK(pqs_kem_find("Ml-Kem-1024") == pqs_kem_find("ML-KEM-1024"), "mixed-case lookup");
    CHECK(pqs_kem_find("ML-KEM-769") == NULL, "unknown name");
    CHECK(pqs_kem_find("ML-KEM") == NULL, "prefix is not a name");
    CHECK(pqs_kem_find("") == NULL, "empty name");
    CHECK(pqs_kem_find(NULL) == NULL, "NULL name");
    CHECK(pqs_kem_at((size_t)-1) == NULL, "index far past the end");
}

static void test_sizes(void)
{
    for (size_t s = 0; s < NSETS; s++) {
        const pqs_kem *k = pqs_kem_find(g_sets[s].name);
        if (!CHECK(k != NULL, "%s missing", g_sets[s].name))
            continue;
        CHECK(strcmp(k->name, g_sets[s].name) == 0, "%s: canonical name", g_sets[s].name);
        CHECK(k->ek_bytes == g_sets[s].ek && k->dk_bytes == g_sets[s].dk &&
                  k->ct_bytes == g_sets[s].ct && k->ss_bytes == 32,
              "%s: sizes", k->name);
        CHECK(k->keygen_seed_bytes == 64 && k->encaps_seed_bytes == 32, "%s: seed sizes", k->name);
        CHECK(k->security_category == g_sets[s].category, "%s: category", k->name);
        const pqs_mlkem_params *p = g_sets[s].params;
        CHECK(p->ek_bytes == k->ek_bytes && p->dk_bytes == k->dk_bytes && p->ct_bytes == k->ct_bytes,
              "%s: params agree with the table", k->name);
    }
    CHECK(PQS_MLKEM512_EK_BYTES == 800 && PQS_MLKEM512_DK_BYTES == 1632 && PQS_MLKEM512_CT_BYTES == 768 &&
              PQS_MLKEM768_EK_BYTES == 1184 && PQS_MLKEM768_DK_BYTES == 2400 &&
              PQS_MLKEM768_CT_BYTES == 1088 && PQS_MLKEM1024_EK_BYTES == 1568 &&
              PQS_MLKEM1024_DK_BYTES == 3168 && PQS_MLKEM1024_CT_BYTES == 1568 &&
              PQS_KEM_SS_BYTES == 32,
          "size macros");
}

static void test_null_args(const pqs_kem *k)
{
    uint8_t ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], seed[64] = {1};
    CHECK(pqs_kem_keypair(k, ek, dk, seed) == 0, "keypair");

    CHECK(pqs_kem_keypair(NULL, ek, dk, seed) == PQS_E_INVALID_ARG, "keypair kem NULL");
    memset(dk, 0xAA, sizeof dk);
    CHECK(pqs_kem_keypair(k, NULL, dk, seed) == PQS_E_INVALID_ARG, "keypair ek NULL");
    CHECK(all_bytes(dk, k->dk_bytes, 0), "keypair ek NULL: dk zeroed");
    memset(ek, 0xAA, sizeof ek);
    CHECK(pqs_kem_keypair(k, ek, NULL, seed) == PQS_E_INVALID_ARG, "keypair dk NULL");
    CHECK(all_bytes(ek, k->ek_bytes, 0), "keypair dk NULL: ek zeroed");
    CHECK(pqs_kem_keypair(k, ek, dk, seed) == 0, "keypair again");

    CHECK(pqs_kem_encaps(NULL, ct, ss, ek, NULL) == PQS_E_INVALID_ARG, "encaps kem NULL");
    CHECK(pqs_kem_encaps(k, NULL, ss, ek, NULL) == PQS_E_INVALID_ARG, "encaps ct NULL");
    CHECK(pqs_kem_encaps(k, ct, NULL, ek, NULL) == PQS_E_INVALID_ARG, "encaps ss NULL");
    memset(ct, 0xAA, sizeof ct);
    memset(ss, 0xAA, sizeof ss);
    CHECK(pqs_kem_encaps(k, ct, ss, NULL, NULL) == PQS_E_INVALID_ARG, "encaps ek NULL");
    CHECK(all_bytes(ct, k->ct_bytes, 0) && all_bytes(ss, 32, 0), "encaps ek NULL: outputs zeroed");

    CHECK(pqs_kem_encaps(k, ct, ss, ek, NULL) == 0, "encaps");
    CHECK(pqs_kem_decaps(NULL, ss, ct, dk) == PQS_E_INVALID_ARG, "decaps kem NULL");
    CHECK(pqs_kem_decaps(k, NULL, ct, dk) == PQS_E_INVALID_ARG, "decaps ss NULL");
    memset(ss, 0xAA, sizeof ss);
    CHECK(pqs_kem_decaps(k, ss, NULL, dk) == PQS_E_INVALID_ARG, "decaps ct NULL");
    CHECK(all_bytes(ss, 32, 0), "decaps ct NULL: ss zeroed");
    memset(ss, 0xAA, sizeof ss);
    CHECK(pqs_kem_decaps(k, ss, ct, NULL) == PQS_E_INVALID_ARG, "decaps dk NULL");
    CHECK(all_bytes(ss, 32, 0), "decaps dk NULL: ss zeroed");

    CHECK(pqs_kem_check_ek(NULL, ek) == PQS_E_INVALID_ARG, "check_ek kem NULL");
    CHECK(pqs_kem_check_ek(k, NULL) == PQS_E_INVALID_ARG, "check_ek ek NULL");
    CHECK(pqs_kem_check_dk(NULL, dk) == PQS_E_INVALID_ARG, "check_dk kem NULL");
    CHECK(pqs_kem_check_dk(k, NULL) == PQS_E_INVALID_ARG, "check_dk dk NULL");
}

/* Set the 12-bit value at coefficient index i of an ek or dk_PKE encoding. */
static void set12(uint8_t *enc, size_t i, unsigned v)
{
    uint8_t *p = enc + 3 * (i / 2);
    if (i % 2 == 0) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)((p[1] & 0xF0) | (v >> 8));
    } else {
        p[1] = (uint8_t)((p[1] & 0x0F) | ((v & 0x0F) << 4));
        p[2] = (uint8_t)(v >> 4);
    }
}

static void test_ek_check(const pqs_kem *k)
{
    uint8_t ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], seed[64] = {2};
    size_t ncoeffs = (k->ek_bytes - 32) * 2 / 3;
    CHECK(pqs_kem_keypair(k, ek, dk, seed) == 0, "keypair");
    CHECK(pqs_kem_check_ek(k, ek) == 0, "%s: fresh ek passes", k->name);

    /* q - 1 is the largest valid value; q and 4095 fail. First, middle, last coefficient. */
    const size_t where[] = {0, ncoeffs / 2 + 1, ncoeffs - 1};
    for (size_t w = 0; w < 3; w++) {
        uint8_t bad[MAX_BUF];
        memcpy(bad, ek, k->ek_bytes);
        set12(bad, where[w], 3328);
        CHECK(pqs_kem_check_ek(k, bad) == 0, "%s: coefficient q-1 accepted", k->name);
        CHECK(pqs_kem_encaps(k, ct, ss, bad, NULL) == 0, "%s: encaps with q-1", k->name);
        set12(bad, where[w], 3329);
        CHECK(pqs_kem_check_ek(k, bad) == PQS_E_INVALID_KEY, "%s: coefficient q rejected", k->name);
        set12(bad, where[w], 4095);
        CHECK(pqs_kem_check_ek(k, bad) == PQS_E_INVALID_KEY, "%s: coefficient 4095 rejected", k->name);
        memset(ct, 0xAA, sizeof ct);
        memset(ss, 0xAA, sizeof ss);
        CHECK(pqs_kem_encaps(k, ct, ss, bad, NULL) == PQS_E_INVALID_KEY, "%s: encaps refuses", k->name);
        CHECK(all_bytes(ct, k->ct_bytes, 0) && all_bytes(ss, 32, 0), "%s: outputs zeroed", k->name);
    }
    /* rho is not covered by the modulus check. */
    ek[k->ek_bytes - 1] ^= 0xFF;
    CHECK(pqs_kem_check_ek(k, ek) == 0, "%s: any rho passes", k->name);
}

static void test_dk_check(const pqs_kem *k)
{
    uint8_t ek[MAX_BUF], dk[MAX_BUF], ct[MAX_BUF], ss[32], ss2[32], seed[64] = {3};
    size_t s_bytes = k->ek_bytes - 32, h_off = 2 * s_bytes + 32;
    CHECK(pqs_kem_keypair(k, ek, dk, seed) == 0, "keypair");
    CHECK(pqs_kem_check_dk(k, dk) == 0, "%s: fresh dk passes", k->name);
    CHECK(memcmp(dk + s_bytes, ek, k->ek_bytes) == 0, "%s: dk embeds ek", k->name);
    CHECK(pqs_kem_encaps(k, ct, ss, ek, NULL) == 0, "encaps");

    const struct {
        size_t off;
        const char *what;
        int want;
    } flips[] = {
        {h_off, "H(ek)", PQS_E_INVALID_KEY},
        {h_off + 31, "H(ek) last byte", PQS_E_INVALID_KEY},
        {s_bytes + 5, "embedded ek", PQS_E_INVALID_KEY},
        {s_bytes + k->ek_bytes - 1, "embedded rho", PQS_E_INVALID_KEY},
        {7, "s (not covered by the hash check)", 0},
        {k->dk_bytes - 1, "z (not covered by the hash check)", 0},
    };
    for (size_t f = 0; f < sizeof flips / sizeof flips[0]; f++) {
        uint8_t bad[MAX_BUF];
        memcpy(bad, dk, k->dk_bytes);
        bad[flips[f].off] ^= 0x01;
        CHECK(pqs_kem_check_dk(k, bad) == flips[f].want, "%s: flipped %s", k->name, flips[f].what);
        memset(ss2, 0xAA, sizeof ss2);
        int rc = pqs_kem_decaps(k, ss2, ct, bad);
        CHECK(rc == flips[f].want, "%s: decaps with flipped %s: rc %d", k->name, flips[f].what, rc);
        if (rc != 0)
            CHECK(all_bytes(ss2, 32, 0), "%s: ss zeroed on refusal", k->name);
    }
}

static void test_determinism(size_t s)
{
    const pqs_kem *k = pqs_kem_find(g_sets[s].name);
    const pqs_mlkem_params *p = g_sets[s].params;
    uint8_t seed[64], m[32];
    uint8_t ek1[MAX_BUF], dk1[MAX_BUF], ek2[MAX_BUF], dk2[MAX_BUF];
    uint8_t ct1[MAX_BUF], ct2[MAX_BUF], ss1[32], ss2[32], ss3[32];
    pqs_test_rand(seed, sizeof seed);
    pqs_test_rand(m, sizeof m);

    CHECK(pqs_kem_keypair(k, ek1, dk1, seed) == 0, "keypair");
    CHECK(pqs_mlkem_keypair_derand(p, ek2, dk2, seed, seed + 32) == 0, "keypair_derand");
    CHECK(memcmp(ek1, ek2, k->ek_bytes) == 0 && memcmp(dk1, dk2, k->dk_bytes) == 0,
          "%s: API and internal keygen agree", k->name);
    CHECK(memcmp(dk1 + k->dk_bytes - 32, seed + 32, 32) == 0, "%s: z at the end of dk", k->name);

    CHECK(pqs_kem_encaps(k, ct1, ss1, ek1, m) == 0, "encaps");
    CHECK(pqs_mlkem_encaps_derand(p, ct2, ss2, ek1, m) == 0, "encaps_derand");
    CHECK(memcmp(ct1, ct2, k->ct_bytes) == 0 && memcmp(ss1, ss2, 32) == 0,
          "%s: API and internal encaps agree", k->name);
    CHECK(pqs_mlkem_decaps(p, ss3, ct1, dk1) == 0 && memcmp(ss1, ss3, 32) == 0,
          "%s: internal decaps", k->name);
    CHECK(pqs_mlkem_check_ek(p, ek1) == 0 && pqs_mlkem_check_dk(p, dk1) == 0, "%s: internal checks",
          k->name);

    /* Fresh randomness gives different keys and ciphertexts. */
    CHECK(pqs_kem_keypair(k, ek1, dk1, NULL) == 0 && pqs_kem_keypair(k, ek2, dk2, NULL) == 0, "keypair");
    CHECK(memcmp(ek1, ek2, k->ek_bytes) != 0, "%s: fresh keys differ", k->name);
    CHECK(pqs_kem_encaps(k, ct1, ss1, ek1, NULL) == 0 && pqs_kem_encaps(k, ct2, ss2, ek1, NULL) == 0,
          "encaps");
    CHECK(memcmp(ct1, ct2, k->ct_bytes) != 0 && memcmp(ss1, ss2, 32) != 0,
          "%s: fresh encapsulations differ", k->name);
}

int main(void)
{
    test_lookup();
    test_sizes();
    for (size_t s = 0; s < NSETS; s++) {
        const pqs_kem *k = pqs_kem_find(g_sets[s].name);
        if (k == NULL)
            continue;
        test_null_args(k);
        test_ek_check(k);
        test_dk_check(k);
        test_determinism(s);
    }
    return pqs_test_done("test_mlkem_api");
}
