/* Differential test against OpenSSL's SHA-2/SHA-3/SHAKE: every input length from 0 to
 * 2,000 bytes, incremental absorbs split at every offset, XOF squeezes split at every
 * offset, and pre-hash digests for every name. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "hash/prehash.h"
#include "hash_table.h"
#include "pqs_test.h"

#define MAX_LEN 2000
#define SPLIT_LEN 400

static void openssl_hash(const hash_fn *h, const uint8_t *in, size_t len, uint8_t *out, size_t outlen)
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_get_digestbyname(h->name), NULL);
    EVP_DigestUpdate(c, in, len);
    if (h->xof)
        EVP_DigestFinalXOF(c, out, outlen);
    else
        EVP_DigestFinal_ex(c, out, NULL);
    EVP_MD_CTX_free(c);
}

static void ours(const hash_fn *h, const uint8_t *in, size_t len, size_t split, uint8_t *out,
                 size_t outlen)
{
    any_ctx c;
    h->init(&c);
    any_update(&c, in, split);
    any_update(&c, in + split, len - split);
    any_final(&c, out, outlen);
}

static void every_length(const hash_fn *h, const uint8_t *msg)
{
    uint8_t a[512], b[512];
    int bad = 0;
    for (size_t len = 0; len <= MAX_LEN; len++) {
        openssl_hash(h, msg, len, a, h->outlen);
        ours(h, msg, len, 0, b, h->outlen);
        bad += memcmp(a, b, h->outlen) != 0;
    }
    CHECK(bad == 0, "%s: %d of %d lengths differ from OpenSSL", h->name, bad, MAX_LEN + 1);
}

static void every_split(const hash_fn *h, const uint8_t *msg)
{
    uint8_t a[512], b[512];
    int bad = 0;
    openssl_hash(h, msg, SPLIT_LEN, a, h->outlen);
    for (size_t split = 0; split <= SPLIT_LEN; split++) {
        ours(h, msg, SPLIT_LEN, split, b, h->outlen);
        bad += memcmp(a, b, h->outlen) != 0;
    }
    /* Byte-at-a-time absorb. */
    any_ctx c;
    h->init(&c);
    for (size_t i = 0; i < SPLIT_LEN; i++)
        any_update(&c, msg + i, 1);
    any_final(&c, b, h->outlen);
    bad += memcmp(a, b, h->outlen) != 0;
    CHECK(bad == 0, "%s: %d incremental absorbs differ", h->name, bad);
}

/* XOFs: a long output squeezed in two pieces split at every offset. */
static void every_squeeze_split(const hash_fn *h, const uint8_t *msg)
{
    enum { OUT = 700 };
    uint8_t a[OUT], b[OUT];
    int bad = 0;
    openssl_hash(h, msg, 100, a, OUT);
    for (size_t split = 0; split <= OUT; split++) {
        any_ctx c;
        h->init(&c);
        any_update(&c, msg, 100);
        pqs_keccak_squeeze(&c.u.k, b, split);
        pqs_keccak_squeeze(&c.u.k, b + split, OUT - split);
        bad += memcmp(a, b, OUT) != 0;
    }
    any_ctx c;
    h->init(&c);
    any_update(&c, msg, 100);
    size_t blocks = OUT / c.u.k.rate;
    pqs_keccak_squeezeblocks(&c.u.k, b, blocks);
    pqs_keccak_squeeze(&c.u.k, b + blocks * c.u.k.rate, OUT - blocks * c.u.k.rate);
    bad += memcmp(a, b, OUT) != 0;
    CHECK(bad == 0, "%s: %d split squeezes differ", h->name, bad);
}

static void prehash_names(const uint8_t *msg)
{
    static const char *evp[] = {"SHA224", "SHA256", "SHA384", "SHA512", "SHA512-224",
                                "SHA512-256", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512",
                                "SHAKE128", "SHAKE256"};
    static const size_t bytes[] = {28, 32, 48, 64, 28, 32, 28, 32, 48, 64, 32, 64};
    for (size_t i = 0; i < 12; i++) {
        const char *name = pqs_prehash_name_at(i);
        pqs_prehash_ctx c;
        uint8_t got[PQS_PREHASH_MAX_BYTES], want[64];
        hash_fn h = {evp[i], bytes[i], 0, i >= 10, NULL};
        CHECK(pqs_prehash_init(&c, name) == 0, "prehash %s", name);
        pqs_prehash_update(&c, msg, 1234);
        size_t n = pqs_prehash_final(&c, got);
        openssl_hash(&h, msg, 1234, want, bytes[i]);
        CHECK(n == 11 + bytes[i] && memcmp(got + 11, want, bytes[i]) == 0, "prehash %s digest", name);
    }
}

int main(void)
{
    uint8_t *msg = malloc(MAX_LEN);
    pqs_test_rand(msg, MAX_LEN);
    for (size_t i = 0; i < N_HASHES; i++) {
        every_length(&g_hashes[i], msg);
        every_split(&g_hashes[i], msg);
        if (g_hashes[i].xof)
            every_squeeze_split(&g_hashes[i], msg);
    }
    prehash_names(msg);
    free(msg);
    return pqs_test_done("test_hash_openssl");
}
