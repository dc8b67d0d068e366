/* The hash functions under test, as one table: pqsafe's incremental interface on one
 * side, the OpenSSL EVP name of the same function on the other. */
#ifndef PQS_TEST_HASH_TABLE_H
#define PQS_TEST_HASH_TABLE_H

#include <string.h>

#include "hash/fips202.h"
#include "hash/sha2.h"

typedef struct {
    union {
        pqs_keccak_ctx k;
        pqs_sha256_ctx s256;
        pqs_sha512_ctx s512;
    } u;
    int kind;
} any_ctx;

typedef struct {
    const char *name;      /* OpenSSL EVP name */
    size_t outlen;         /* digest bytes (XOFs: default test length) */
    int kind;              /* 0 keccak, 1 sha256 family, 2 sha512 family */
    int xof;
    void (*init)(any_ctx *c);
} hash_fn;

static void i_sha3_224(any_ctx *c) { pqs_sha3_224_init(&c->u.k); c->kind = 0; }
static void i_sha3_256(any_ctx *c) { pqs_sha3_256_init(&c->u.k); c->kind = 0; }
static void i_sha3_384(any_ctx *c) { pqs_sha3_384_init(&c->u.k); c->kind = 0; }
static void i_sha3_512(any_ctx *c) { pqs_sha3_512_init(&c->u.k); c->kind = 0; }
static void i_shake128(any_ctx *c) { pqs_shake128_init(&c->u.k); c->kind = 0; }
static void i_shake256(any_ctx *c) { pqs_shake256_init(&c->u.k); c->kind = 0; }
static void i_sha224(any_ctx *c) { pqs_sha224_init(&c->u.s256); c->kind = 1; }
static void i_sha256(any_ctx *c) { pqs_sha256_init(&c->u.s256); c->kind = 1; }
static void i_sha384(any_ctx *c) { pqs_sha384_init(&c->u.s512); c->kind = 2; }
static void i_sha512(any_ctx *c) { pqs_sha512_init(&c->u.s512); c->kind = 2; }
static void i_sha512_224(any_ctx *c) { pqs_sha512_224_init(&c->u.s512); c->kind = 2; }
static void i_sha512_256(any_ctx *c) { pqs_sha512_256_init(&c->u.s512); c->kind = 2; }

static const hash_fn g_hashes[] = {
    {"SHA3-224", 28, 0, 0, i_sha3_224},   {"SHA3-256", 32, 0, 0, i_sha3_256},
    {"SHA3-384", 48, 0, 0, i_sha3_384},   {"SHA3-512", 64, 0, 0, i_sha3_512},
    {"SHAKE128", 200, 0, 1, i_shake128},  {"SHAKE256", 300, 0, 1, i_shake256},
    {"SHA224", 28, 1, 0, i_sha224},       {"SHA256", 32, 1, 0, i_sha256},
    {"SHA384", 48, 2, 0, i_sha384},       {"SHA512", 64, 2, 0, i_sha512},
    {"SHA512-224", 28, 2, 0, i_sha512_224}, {"SHA512-256", 32, 2, 0, i_sha512_256},
};
#define N_HASHES (sizeof g_hashes / sizeof g_hashes[0])

static inline void any_update(any_ctx *c, const uint8_t *in, size_t len)
{
    if (c->kind == 0)
        pqs_keccak_absorb(&c->u.k, in, len);
    else if (c->kind == 1)
        pqs_sha256_update(&c->u.s256, in, len);
    else
        pqs_sha512_update(&c->u.s512, in, len);
}

static inline void any_final(any_ctx *c, uint8_t *out, size_t outlen)
{
    if (c->kind == 0)
        pqs_keccak_squeeze(&c->u.k, out, outlen);
    else if (c->kind == 1)
        pqs_sha256_final(&c->u.s256, out);
    else
        pqs_sha512_final(&c->u.s512, out);
}

#endif
