/* The algorithms of the provider.
 *
 * Pure ML-KEM (FIPS 203) under the names OpenSSL 3.5 uses, with the TLS groups of
 * draft-ietf-tls-mlkem (MLKEM512 0x0200, MLKEM768 0x0201, MLKEM1024 0x0202), and the
 * hybrids of draft-ietf-tls-ecdhe-mlkem §4:
 *   X25519MLKEM768     0x11EC  share  ek || x25519,    ct || x25519;     ss = K || X25519
 *   SecP256r1MLKEM768  0x11EB  share  P-256 || ek,     P-256 || ct;      ss = ECDH || K
 *   SecP384r1MLKEM1024 0x11ED  share  P-384 || ek,     P-384 || ct;      ss = ECDH || K
 * EC points are uncompressed (65 / 97 bytes); the ECDH secret is the x-coordinate. */
#include "prov.h"

/* The order is that of the tables in prov.c and codec.c (ML-KEM-512/768/1024 first). */

const pqs_prov_alg pqs_prov_algs[] = {
    {"ML-KEM-512", PQS_PROV_MLKEM512_NAMES, "MLKEM512", 0x0200, &pqs_mlkem512,
     PQS_EC_NONE, NULL, 0, 0, 0, 128},
    {"ML-KEM-768", PQS_PROV_MLKEM768_NAMES, "MLKEM768", 0x0201, &pqs_mlkem768,
     PQS_EC_NONE, NULL, 0, 0, 0, 192},
    {"ML-KEM-1024", PQS_PROV_MLKEM1024_NAMES, "MLKEM1024", 0x0202, &pqs_mlkem1024,
     PQS_EC_NONE, NULL, 0, 0, 0, 256},
    {"X25519MLKEM768", "X25519MLKEM768", "X25519MLKEM768", 0x11EC, &pqs_mlkem768,
     PQS_EC_X25519, NULL, 32, 32, 0, 192},
    {"SecP256r1MLKEM768", "SecP256r1MLKEM768", "SecP256r1MLKEM768", 0x11EB, &pqs_mlkem768,
     PQS_EC_P256, "P-256", 65, 32, 1, 192},
    {"SecP384r1MLKEM1024", "SecP384r1MLKEM1024", "SecP384r1MLKEM1024", 0x11ED, &pqs_mlkem1024,
     PQS_EC_P384, "P-384", 97, 48, 1, 256},
};
const size_t pqs_prov_nalgs = sizeof pqs_prov_algs / sizeof pqs_prov_algs[0];

size_t pqs_prov_pub_bytes(const pqs_prov_alg *a) { return a->mlkem->ek_bytes + a->ec_pub_bytes; }
size_t pqs_prov_ct_bytes(const pqs_prov_alg *a) { return a->mlkem->ct_bytes + a->ec_pub_bytes; }
size_t pqs_prov_ss_bytes(const pqs_prov_alg *a) { return PQS_MLKEM_SS_BYTES + a->ec_ss_bytes; }
