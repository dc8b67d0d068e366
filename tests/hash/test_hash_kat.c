/* Published example values: FIPS 180-4 / FIPS 202 examples (NIST CSRC "Examples with
 * Intermediate Values"): "abc", the empty string, and one million 'a'. */
#include <stdlib.h>
#include <string.h>

#include "hash/prehash.h"
#include "hash_table.h"
#include "pqs_test.h"

typedef struct {
    const char *fn;
    const char *msg;   /* NULL: one million 'a' */
    const char *hex;
} kat;

static const kat g_kats[] = {
    {"SHA256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"SHA256", NULL, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    {"SHA224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
    {"SHA512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"SHA384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                      "8086072ba1e7cc2358baeca134c825a7"},
    {"SHA512-224", "abc", "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"},
    {"SHA512-256", "abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
    {"SHA3-256", "abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
    {"SHA3-256", "", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"},
    {"SHA3-512", "abc", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                        "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"},
    {"SHAKE128", "", "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"},
    {"SHAKE256", "", "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
                     "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"},
};

static const hash_fn *find_fn(const char *name)
{
    for (size_t i = 0; i < N_HASHES; i++)
        if (strcmp(g_hashes[i].name, name) == 0)
            return &g_hashes[i];
    return NULL;
}

static void run_kat(const kat *k)
{
    const hash_fn *h = find_fn(k->fn);
    uint8_t out[64];
    size_t outlen = strlen(k->hex) / 2;
    any_ctx c;
    h->init(&c);
    if (k->msg != NULL) {
        any_update(&c, (const uint8_t *)k->msg, strlen(k->msg));
    } else {
        uint8_t block[1000];
        memset(block, 'a', sizeof block);
        for (int i = 0; i < 1000; i++)
            any_update(&c, block, sizeof block);
    }
    any_final(&c, out, outlen);
    CHECK(pqs_test_eq_hex(out, outlen, k->hex), "%s(%s)", k->fn, k->msg ? k->msg : "a x 10^6");
}

/* The one-shot helpers agree with the incremental interface. */
static void oneshots(void)
{
    uint8_t a[64], b[64];
    pqs_sha3_256(a, (const uint8_t *)"abc", 3);
    CHECK(pqs_test_eq_hex(a, 32, g_kats[7].hex), "pqs_sha3_256");
    pqs_sha3_512(a, (const uint8_t *)"abc", 3);
    CHECK(pqs_test_eq_hex(a, 64, g_kats[9].hex), "pqs_sha3_512");
    pqs_shake128(a, 32, NULL, 0);
    CHECK(pqs_test_eq_hex(a, 32, g_kats[10].hex), "pqs_shake128");
    pqs_shake256(a, 64, NULL, 0);
    CHECK(pqs_test_eq_hex(a, 64, g_kats[11].hex), "pqs_shake256");
    pqs_sha256(a, (const uint8_t *)"abc", 3);
    CHECK(pqs_test_eq_hex(a, 32, g_kats[0].hex), "pqs_sha256");
    pqs_sha512(b, (const uint8_t *)"abc", 3);
    CHECK(pqs_test_eq_hex(b, 64, g_kats[3].hex), "pqs_sha512");
}

/* Pre-hash output is the DER OID 2.16.840.1.101.3.4.2.x followed by the digest. */
static void prehash(void)
{
    pqs_prehash_ctx c;
    uint8_t out[PQS_PREHASH_MAX_BYTES];
    CHECK(pqs_prehash_init(&c, "SHA2-256") == 0, "prehash SHA2-256 known");
    pqs_prehash_update(&c, (const uint8_t *)"abc", 3);
    size_t n = pqs_prehash_final(&c, out);
    CHECK(n == 43 && pqs_test_eq_hex(out, 11, "0609608648016503040201") &&
              pqs_test_eq_hex(out + 11, 32, g_kats[0].hex), "prehash SHA2-256 OID||digest");
    CHECK(pqs_prehash_init(&c, "SHAKE-128") == 0, "prehash SHAKE-128 known");
    n = pqs_prehash_final(&c, out);
    CHECK(n == 43 && out[10] == 0x0B && pqs_test_eq_hex(out + 11, 32, g_kats[10].hex),
          "prehash SHAKE-128 gives 256 bits");
    CHECK(pqs_prehash_init(&c, "SHAKE-256") == 0, "prehash SHAKE-256 known");
    n = pqs_prehash_final(&c, out);
    CHECK(n == 75 && out[10] == 0x0C && pqs_test_eq_hex(out + 11, 64, g_kats[11].hex),
          "prehash SHAKE-256 gives 512 bits");
    CHECK(pqs_prehash_init(&c, "MD5") == PQS_E_UNSUPPORTED, "unknown pre-hash refused");
    size_t names = 0;
    while (pqs_prehash_name_at(names) != NULL)
        names++;
    CHECK(names == 12, "twelve pre-hash functions (FIPS 204 §5.4)");
}

int main(void)
{
    for (size_t i = 0; i < sizeof g_kats / sizeof g_kats[0]; i++)
        run_kat(&g_kats[i]);
    oneshots();
    prehash();
    return pqs_test_done("test_hash_kat");
}
