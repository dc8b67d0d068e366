/* The X25519 wrapper (src/hybrid/x25519.c) on RFC 7748 §6.1, with and without the
 * caller's public key, and its low-order behaviour (the all-zero string, RFC 7748 §6.1). */
#include <stdlib.h>
#include <string.h>

#include "hybrid/x25519.h"
#include "pqs_test.h"

static uint8_t *hex32(const char *hex)
{
    size_t len = 0;
    uint8_t *p = pqs_test_unhex(hex, &len);
    if (!CHECK(p != NULL && len == 32, "hex constant"))
        exit(pqs_test_done("test_hybrid_x25519"));
    return p;
}

int main(void)
{
    /* RFC 7748 §6.1: Alice's and Bob's keys and their shared secret. */
    uint8_t *a = hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    uint8_t *a_pub = hex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    uint8_t *b = hex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    uint8_t *b_pub = hex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    uint8_t *k = hex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    uint8_t out[32], zero[32] = {0};

    CHECK(pqs_x25519_public(out, a) == PQS_OK && memcmp(out, a_pub, 32) == 0, "Alice's public key");
    CHECK(pqs_x25519_public(out, b) == PQS_OK && memcmp(out, b_pub, 32) == 0, "Bob's public key");
    CHECK(pqs_x25519(out, a, NULL, b_pub) == PQS_OK && memcmp(out, k, 32) == 0, "Alice's K");
    CHECK(pqs_x25519(out, a, a_pub, b_pub) == PQS_OK && memcmp(out, k, 32) == 0,
          "Alice's K, public key given");
    CHECK(pqs_x25519(out, b, b_pub, a_pub) == PQS_OK && memcmp(out, k, 32) == 0,
          "Bob's K, public key given");
    /* u = 0 and u = 1 are of low order: the RFC 7748 function gives all zeros. */
    uint8_t one[32] = {1};
    memset(out, 0xaa, sizeof out);
    CHECK(pqs_x25519(out, a, a_pub, zero) == PQS_OK && memcmp(out, zero, 32) == 0, "u = 0");
    memset(out, 0xaa, sizeof out);
    CHECK(pqs_x25519(out, a, NULL, one) == PQS_OK && memcmp(out, zero, 32) == 0, "u = 1");
    free(a);
    free(a_pub);
    free(b);
    free(b_pub);
    free(k);
    return pqs_test_done("test_hybrid_x25519");
}
