/* OIDs of the NIST algorithms (CSOR, 2.16.840.1.101.3.4): ML-KEM 4.4.{1,2,3}
 * (draft-ietf-lamps-kyber-certificates), ML-DSA 4.3.{17,18,19}
 * (draft-ietf-lamps-dilithium-certificates), SLH-DSA 4.3.{20..31}
 * (draft-ietf-lamps-x509-slhdsa); X-Wing 1.3.6.1.4.1.62253.25722
 * (draft-connolly-cfrg-xwing-kem). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "key_algs.h"

#define NIST(kind, n) {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, kind, n}, 9
#define KEM(name, n) {name, NIST(0x04, n), PQS_KEYFORM_CHOICE, 64, 1}
#define MLDSA(name, n) {name, NIST(0x03, n), PQS_KEYFORM_CHOICE, 32, 0}
#define SLHDSA(name, n) {name, NIST(0x03, n), PQS_KEYFORM_RAW, 0, 0}

static const pqs_keyfile_alg g_algs[] = {
    KEM("ML-KEM-512", 1), KEM("ML-KEM-768", 2), KEM("ML-KEM-1024", 3),
    MLDSA("ML-DSA-44", 17), MLDSA("ML-DSA-65", 18), MLDSA("ML-DSA-87", 19),
    SLHDSA("SLH-DSA-SHA2-128s", 20), SLHDSA("SLH-DSA-SHA2-128f", 21),
    SLHDSA("SLH-DSA-SHA2-192s", 22), SLHDSA("SLH-DSA-SHA2-192f", 23),
    SLHDSA("SLH-DSA-SHA2-256s", 24), SLHDSA("SLH-DSA-SHA2-256f", 25),
    SLHDSA("SLH-DSA-SHAKE-128s", 26), SLHDSA("SLH-DSA-SHAKE-128f", 27),
    SLHDSA("SLH-DSA-SHAKE-192s", 28), SLHDSA("SLH-DSA-SHAKE-192f", 29),
    SLHDSA("SLH-DSA-SHAKE-256s", 30), SLHDSA("SLH-DSA-SHAKE-256f", 31),
    {"X-Wing", {0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xe6, 0x2d, 0x81, 0xc8, 0x7a}, 11,
     PQS_KEYFORM_RAW, 0, 1},
};
#define N_ALGS (sizeof g_algs / sizeof g_algs[0])

const pqs_keyfile_alg *pqs_key_alg_by_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < N_ALGS; i++) {
        if (strcasecmp(g_algs[i].name, name) == 0)
            return &g_algs[i];
    }
    return NULL;
}

const pqs_keyfile_alg *pqs_key_alg_by_oid(const uint8_t *oid, size_t len)
{
    for (size_t i = 0; i < N_ALGS; i++) {
        if (g_algs[i].oid_len == len && memcmp(g_algs[i].oid, oid, len) == 0)
            return &g_algs[i];
    }
    return NULL;
}

void pqs_oid_to_text(char *out, size_t cap, const uint8_t *oid, size_t len)
{
    size_t n = 0;
    unsigned long v = 0;
    out[0] = 0;
    for (size_t i = 0; i < len && n + 24 < cap; i++) {
        v = (v << 7) | (oid[i] & 0x7f);
        if (oid[i] & 0x80)
            continue;
        if (n == 0) {   /* first subidentifier packs two arcs (X.690 §8.19.4) */
            unsigned long a = v < 80 ? v / 40 : 2;
            n += (size_t)snprintf(out + n, cap - n, "%lu.%lu", a, v - 40 * a);
        } else {
            n += (size_t)snprintf(out + n, cap - n, ".%lu", v);
        }
        v = 0;
    }
}
