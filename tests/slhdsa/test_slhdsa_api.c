/* SLH-DSA through the name-based API (include/pqsafe/sig.h): the table against FIPS 205
 * Table 2, round trips with and without context, deterministic and hedged signing,
 * pre-hash, and rejection of altered signatures, messages, contexts and lengths.
 * argv[1] = "fast" covers the f sets, "slow" the s sets. */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "slhdsa/slhdsa.h"

/* FIPS 205 Table 2, written out independently of the library's table. */
static const struct {
    const char *name;
    size_t n, pk, sig;
    int cat;
} k_table2[] = {
    {"SLH-DSA-SHA2-128s", 16, 32, 7856, 1},   {"SLH-DSA-SHAKE-128s", 16, 32, 7856, 1},
    {"SLH-DSA-SHA2-128f", 16, 32, 17088, 1},  {"SLH-DSA-SHAKE-128f", 16, 32, 17088, 1},
    {"SLH-DSA-SHA2-192s", 24, 48, 16224, 3},  {"SLH-DSA-SHAKE-192s", 24, 48, 16224, 3},
    {"SLH-DSA-SHA2-192f", 24, 48, 35664, 3},  {"SLH-DSA-SHAKE-192f", 24, 48, 35664, 3},
    {"SLH-DSA-SHA2-256s", 32, 64, 29792, 5},  {"SLH-DSA-SHAKE-256s", 32, 64, 29792, 5},
    {"SLH-DSA-SHA2-256f", 32, 64, 49856, 5},  {"SLH-DSA-SHAKE-256f", 32, 64, 49856, 5},
};
#define NSETS (sizeof k_table2 / sizeof k_table2[0])

static int g_slow;

static void test_table(void)
{
    size_t listed = 0;
    const pqs_sig *a;
    for (size_t i = 0; (a = pqs_sig_at(i)) != NULL; i++)
        listed += strncmp(a->name, "SLH-DSA-", 8) == 0;
    CHECK(listed == NSETS, "pqs_sig_at lists %zu SLH-DSA sets, expected 12", listed);
    for (size_t i = 0; i < NSETS; i++) {
        a = pqs_sig_find(k_table2[i].name);
        const pqs_slhdsa_params *p = pqs_slhdsa_params_find(k_table2[i].name);
        if (!CHECK(a != NULL && p != NULL, "%s not found", k_table2[i].name))
            continue;
        size_t n = k_table2[i].n;
        CHECK(strcmp(a->name, k_table2[i].name) == 0 && a->pk_bytes == k_table2[i].pk &&
                  a->sk_bytes == 2 * k_table2[i].pk && a->sig_bytes == k_table2[i].sig &&
                  a->keygen_seed_bytes == 3 * n && a->sign_rand_bytes == n &&
                  a->security_category == k_table2[i].cat,
              "%s: sizes differ from FIPS 205 Table 2", a->name);
        CHECK(p->n == n && p->sig_bytes == a->sig_bytes && p->len == 2 * n + 3 &&
                  p->h == p->d * p->hp,
              "%s: parameters inconsistent", a->name);
    }
    CHECK(pqs_sig_find("slh-dsa-shake-256f") != NULL, "lookup is case-insensitive");
    CHECK(pqs_slhdsa_params_find("SLH-DSA-SHA2-512f") == NULL, "unknown set found");
}

/* verify must refuse sig after flipping one bit at byte pos. */
static void check_flip(const pqs_sig *a, uint8_t *sig, size_t pos, const uint8_t *msg,
                       size_t mlen, const uint8_t *ctx, size_t clen, const uint8_t *pk)
{
    sig[pos] ^= 0x10;
    CHECK(pqs_sig_verify(a, sig, a->sig_bytes, msg, mlen, ctx, clen, pk) == PQS_E_VERIFY,
          "%s: signature with byte %zu flipped verifies", a->name, pos);
    sig[pos] ^= 0x10;
}

/* Hedged sign with a context, then every way the verification must fail. */
static void test_context_round_trip(const pqs_sig *a, const uint8_t *pk, const uint8_t *sk,
                                    uint8_t *sig)
{
    const pqs_slhdsa_params *p = pqs_slhdsa_params_find(a->name);
    uint8_t msg[100], ctx[256], other[7] = "contex!";
    size_t sig_len = 0;
    pqs_test_rand(msg, sizeof msg);
    memcpy(ctx, "context", 7);
    CHECK(pqs_sig_sign(a, sig, &sig_len, msg, sizeof msg, ctx, 7, sk, NULL) == 0 &&
              sig_len == a->sig_bytes, "%s: sign with context", a->name);
    CHECK(pqs_sig_verify(a, sig, sig_len, msg, sizeof msg, ctx, 7, pk) == 0,
          "%s: round trip with context", a->name);
    CHECK(pqs_sig_verify(a, sig, sig_len, msg, sizeof msg, NULL, 0, pk) == PQS_E_VERIFY,
          "%s: verifies without its context", a->name);
    CHECK(pqs_sig_verify(a, sig, sig_len, msg, sizeof msg, other, 7, pk) == PQS_E_VERIFY,
          "%s: verifies under another context", a->name);
    /* One bit in R, in the FORS part, in the hypertree part and the last byte. */
    check_flip(a, sig, 0, msg, sizeof msg, ctx, 7, pk);
    check_flip(a, sig, p->n + 5, msg, sizeof msg, ctx, 7, pk);
    check_flip(a, sig, a->sig_bytes / 2, msg, sizeof msg, ctx, 7, pk);
    check_flip(a, sig, a->sig_bytes - 1, msg, sizeof msg, ctx, 7, pk);
    msg[50] ^= 0x01;
    CHECK(pqs_sig_verify(a, sig, sig_len, msg, sizeof msg, ctx, 7, pk) == PQS_E_VERIFY,
          "%s: altered message verifies", a->name);
    msg[50] ^= 0x01;
    CHECK(pqs_sig_verify(a, sig, sig_len - 1, msg, sizeof msg, ctx, 7, pk) == PQS_E_VERIFY &&
              pqs_sig_verify(a, sig, sig_len + 1, msg, sizeof msg, ctx, 7, pk) == PQS_E_VERIFY,
          "%s: wrong signature length accepted", a->name);
    CHECK(pqs_slhdsa_verify_internal(p, sig, sig_len - 1, NULL, 0, msg, sizeof msg, pk) ==
              PQS_E_VERIFY, "%s: internal verify accepts a short signature", a->name);
    memset(ctx, 0xA5, sizeof ctx);
    CHECK(pqs_sig_sign(a, sig, &sig_len, msg, sizeof msg, ctx, 256, sk, NULL) == PQS_E_CONTEXT,
          "%s: 256-byte context accepted by sign", a->name);
    CHECK(pqs_sig_verify(a, sig, a->sig_bytes, msg, sizeof msg, ctx, 256, pk) == PQS_E_CONTEXT,
          "%s: 256-byte context accepted by verify", a->name);
}

/* Deterministic signing (opt_rand = PK.seed) of an empty message without context
 * equals slh_sign_internal on M' = 0x00 || 0x00, the prefix of FIPS 205 Alg. 22. */
static void test_deterministic(const pqs_sig *a, const uint8_t *pk, const uint8_t *sk,
                               uint8_t *sig, uint8_t *sig2)
{
    const pqs_slhdsa_params *p = pqs_slhdsa_params_find(a->name);
    const uint8_t mprime[2] = {0x00, 0x00};
    CHECK(pqs_sig_sign(a, sig, NULL, NULL, 0, NULL, 0, sk, pk) == 0,
          "%s: deterministic sign", a->name);
    CHECK(pqs_slhdsa_sign_internal(p, sig2, NULL, 0, mprime, sizeof mprime, sk, pk) == 0 &&
              memcmp(sig, sig2, a->sig_bytes) == 0,
          "%s: API differs from slh_sign_internal on M'", a->name);
    CHECK(pqs_sig_verify(a, sig, a->sig_bytes, NULL, 0, NULL, 0, pk) == 0,
          "%s: round trip, empty message, no context", a->name);
    CHECK(pqs_slhdsa_verify_internal(p, sig, a->sig_bytes, mprime, 1, mprime + 1, 1, pk) == 0,
          "%s: internal verify on M' split differently", a->name);
}

/* Hedged signatures differ; HashSLH-DSA round trip; pure and pre-hash do not mix. */
static void test_hedged_prehash(const pqs_sig *a, const uint8_t *pk, const uint8_t *sk,
                                uint8_t *sig, uint8_t *sig2)
{
    const uint8_t msg[3] = {'a', 'b', 'c'};
    CHECK(pqs_sig_sign(a, sig, NULL, msg, 3, NULL, 0, sk, NULL) == 0 &&
              pqs_sig_sign(a, sig2, NULL, msg, 3, NULL, 0, sk, NULL) == 0 &&
              memcmp(sig, sig2, a->sig_bytes) != 0,
          "%s: two hedged signatures are equal", a->name);
    CHECK(pqs_sig_verify(a, sig2, a->sig_bytes, msg, 3, NULL, 0, pk) == 0,
          "%s: hedged round trip", a->name);
    CHECK(pqs_sig_sign_prehash(a, sig, NULL, "SHA2-256", msg, 3, msg, 1, sk, NULL) == 0 &&
              pqs_sig_verify_prehash(a, sig, a->sig_bytes, "SHA2-256", msg, 3, msg, 1, pk) == 0,
          "%s: pre-hash round trip", a->name);
    CHECK(pqs_sig_verify_prehash(a, sig, a->sig_bytes, "SHA2-512", msg, 3, msg, 1, pk) ==
              PQS_E_VERIFY, "%s: pre-hash verifies under another hash", a->name);
    CHECK(pqs_sig_verify(a, sig, a->sig_bytes, msg, 3, msg, 1, pk) == PQS_E_VERIFY,
          "%s: pre-hash signature verifies as pure", a->name);
}

static void test_set(const pqs_sig *a)
{
    uint8_t pk[64], sk[128];
    uint8_t *sig = malloc(a->sig_bytes + 1), *sig2 = malloc(a->sig_bytes);
    if (CHECK(pqs_sig_keypair(a, pk, sk, NULL) == 0, "%s: keypair", a->name)) {
        CHECK(memcmp(pk, sk + a->pk_bytes, a->pk_bytes) == 0, "%s: pk is not the tail of sk",
              a->name);
        test_context_round_trip(a, pk, sk, sig);
        test_deterministic(a, pk, sk, sig, sig2);
        if (!g_slow)   /* three more signatures each: the f sets only */
            test_hedged_prehash(a, pk, sk, sig, sig2);
    }
    free(sig);
    free(sig2);
}

int main(int argc, char **argv)
{
    int sets = 0;
    g_slow = argc > 1 && strcmp(argv[1], "slow") == 0;
    test_table();
    for (size_t i = 0; i < NSETS; i++) {
        const char *name = k_table2[i].name;
        const pqs_sig *a = pqs_sig_find(name);
        if (a != NULL && (name[strlen(name) - 1] == 's') == (g_slow != 0)) {
            test_set(a);
            sets++;
        }
    }
    CHECK(sets == 6, "ran %d sets, expected 6", sets);
    return pqs_test_done(g_slow ? "test_slhdsa_api_slow" : "test_slhdsa_api");
}
