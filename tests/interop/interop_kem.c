/* ML-KEM against OpenSSL: each side encapsulates to the other's key, both derive the same
 * key pair from one seed d||z, and both reject a tampered ciphertext the same way. */
#include <stdlib.h>
#include <string.h>

#include "interop.h"
#include "pqs_test.h"

#define ITERATIONS 25
#define MAX_EK 1568
#define MAX_DK 3168
#define MAX_CT 1568

static const char *const kKems[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};

/* A test-random index below n. */
static size_t rand_index(size_t n)
{
    uint8_t r[4];
    pqs_test_rand(r, sizeof r);
    return ((size_t)r[0] | (size_t)r[1] << 8 | (size_t)r[2] << 16 | (size_t)r[3] << 24) % n;
}

/* The peer's answer word i must equal buf. */
static int answer_equals(interop_peer *p, int i, const uint8_t *buf, size_t len)
{
    size_t n;
    uint8_t *got = interop_ans_hex(p, i, &n);
    int same = n == len && memcmp(got, buf, len) == 0;
    free(got);
    return same;
}

/* (a) pqsafe generates the key pair; OpenSSL derives the same ek from the seed, encapsulates
 * to it, and pqsafe decapsulates to the same shared secret. */
static void pqsafe_keys(interop_peer *p, const pqs_kem *kem)
{
    uint8_t seed[64], ek[MAX_EK], dk[MAX_DK], ss[PQS_KEM_SS_BYTES];
    if (!CHECK(pqs_randombytes(seed, sizeof seed) == 0, "randombytes") ||
        !CHECK(pqs_kem_keypair(kem, ek, dk, seed) == 0, "%s keypair", kem->name))
        return;
    interop_req_begin(p, "kem_pub", kem->name);
    interop_req_hex(p, seed, sizeof seed);
    if (interop_req_end(p) == 1)
        CHECK(answer_equals(p, 1, ek, kem->ek_bytes), "%s: OpenSSL ek from d||z differs", kem->name);

    interop_req_begin(p, "kem_encaps", kem->name);
    interop_req_hex(p, ek, kem->ek_bytes);
    if (interop_req_end(p) != 2)
        return;
    size_t ct_len;
    uint8_t *ct = interop_ans_hex(p, 1, &ct_len);
    if (CHECK(ct_len == kem->ct_bytes, "%s: OpenSSL ct is %zu bytes", kem->name, ct_len) &&
        CHECK(pqs_kem_decaps(kem, ss, ct, dk) == 0, "%s decaps", kem->name))
        CHECK(answer_equals(p, 2, ss, sizeof ss), "%s: OpenSSL encaps, pqsafe decaps: ss differ",
              kem->name);
    free(ct);
}

/* OpenSSL decapsulates ct with its key (seed); its answer must equal want. */
static int peer_decaps_equals(interop_peer *p, const pqs_kem *kem, const uint8_t *seed,
                              size_t seed_len, const uint8_t *ct, const uint8_t *want)
{
    interop_req_begin(p, "kem_decaps", kem->name);
    interop_req_hex(p, seed, seed_len);
    interop_req_hex(p, ct, kem->ct_bytes);
    return interop_req_end(p) == 1 && answer_equals(p, 1, want, PQS_KEM_SS_BYTES);
}

/* (b) OpenSSL generates the key pair; pqsafe derives the same ek from its seed, encapsulates
 * to OpenSSL's ek, and OpenSSL decapsulates. A tampered ciphertext must give both sides the
 * same implicit-rejection secret (FIPS 203 Alg. 18, K-bar = J(z || c)). */
static void openssl_keys(interop_peer *p, const pqs_kem *kem)
{
    uint8_t ek[MAX_EK], dk[MAX_DK], ct[MAX_CT], ss[PQS_KEM_SS_BYTES], rej[PQS_KEM_SS_BYTES];
    interop_req_begin(p, "kem_keygen", kem->name);
    if (interop_req_end(p) != 2)
        return;
    size_t ek_len, seed_len;
    uint8_t *peer_ek = interop_ans_hex(p, 1, &ek_len);
    uint8_t *seed = interop_ans_hex(p, 2, &seed_len);
    if (CHECK(ek_len == kem->ek_bytes && seed_len == kem->keygen_seed_bytes,
              "%s: OpenSSL key sizes %zu/%zu", kem->name, ek_len, seed_len) &&
        CHECK(pqs_kem_keypair(kem, ek, dk, seed) == 0, "%s keypair from seed", kem->name) &&
        CHECK(memcmp(ek, peer_ek, ek_len) == 0, "%s: pqsafe ek from OpenSSL's d||z differs",
              kem->name) &&
        CHECK(pqs_kem_encaps(kem, ct, ss, peer_ek, NULL) == 0, "%s encaps", kem->name)) {
        CHECK(peer_decaps_equals(p, kem, seed, seed_len, ct, ss),
              "%s: pqsafe encaps, OpenSSL decaps: ss differ", kem->name);
        ct[rand_index(kem->ct_bytes)] ^= 0x01;
        if (CHECK(pqs_kem_decaps(kem, rej, ct, dk) == 0, "%s decaps tampered", kem->name))
            CHECK(memcmp(rej, ss, sizeof ss) != 0 &&
                      peer_decaps_equals(p, kem, seed, seed_len, ct, rej),
                  "%s: implicit rejection differs from OpenSSL", kem->name);
    }
    free(peer_ek);
    free(seed);
}

void interop_kem(interop_peer *p)
{
    for (size_t k = 0; k < sizeof kKems / sizeof kKems[0]; k++) {
        const pqs_kem *kem = pqs_kem_find(kKems[k]);
        if (!CHECK(kem != NULL, "%s is not registered in pqsafe", kKems[k]))
            continue;
        int before = pqs_test_failures;
        for (int i = 0; i < ITERATIONS && pqs_test_failures == before; i++) {
            pqsafe_keys(p, kem);
            openssl_keys(p, kem);
        }
        printf("%s: %s\n", kem->name, pqs_test_failures == before ? "ok" : "FAILED");
    }
}
