/* The pqsafe OpenSSL 3 provider: shared types of its parts.
 *
 *   prov.c     entry point, operation tables, TLS-GROUP capability, errors
 *   algs.c     the algorithm table (pure ML-KEM and the draft-ietf-tls-ecdhe-mlkem hybrids)
 *   keymgmt.c  KEYMGMT: key objects, generation, parameters, import/export
 *   kem.c      KEM: encapsulate / decapsulate, pure and hybrid
 *   ecdh.c     the classical halves (X25519, P-256, P-384) through EVP, default provider
 *   codec.c    ENCODER / DECODER: SPKI and PKCS#8 (DER, PEM) and text, via src/encoding
 *
 * The provider is a separate module (pqsafe.so) loaded by OpenSSL 3.0 and later; it
 * links the pqsafe objects statically and exports only OSSL_provider_init. */
#ifndef PQS_PROVIDER_PROV_H
#define PQS_PROVIDER_PROV_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/core.h>
#include <openssl/core_dispatch.h>
#include <openssl/evp.h>

#include "mlkem/mlkem.h"
#include "mlkem/params.h"

#define PQS_PROV_NAME "pqsafe"
/* Fetches of the classical halves go to OpenSSL's default provider, never back to us. */
#define PQS_PROV_CLASSICAL_PROPQ "provider=default"

/* Largest classical sizes: P-384 uncompressed point and x-coordinate. */
#define PQS_PROV_EC_PUB_MAX 97
#define PQS_PROV_EC_SS_MAX 48
#define PQS_PROV_SHARE_MAX (PQS_MLKEM_EK_MAX + PQS_PROV_EC_PUB_MAX)
#define PQS_PROV_SS_MAX (PQS_MLKEM_SS_BYTES + PQS_PROV_EC_SS_MAX)

/* Names of the pure ML-KEM algorithms: OpenSSL 3.5's, and the OID, which OpenSSL 3.0's
 * SubjectPublicKeyInfo decoder gives as the type of a key whose OID it does not know. */
#define PQS_PROV_MLKEM_NAMES(n, oid) \
    "ML-KEM-" #n ":MLKEM" #n ":id-alg-ml-kem-" #n ":2.16.840.1.101.3.4.4." #oid
#define PQS_PROV_MLKEM512_NAMES PQS_PROV_MLKEM_NAMES(512, 1)
#define PQS_PROV_MLKEM768_NAMES PQS_PROV_MLKEM_NAMES(768, 2)
#define PQS_PROV_MLKEM1024_NAMES PQS_PROV_MLKEM_NAMES(1024, 3)

enum { PQS_EC_NONE = 0, PQS_EC_X25519, PQS_EC_P256, PQS_EC_P384 };

/* Provider-wide state (the provctx). */
typedef struct pqs_prov_ctx {
    const OSSL_CORE_HANDLE *handle;
    OSSL_LIB_CTX *libctx;   /* child of the application's: where X25519/EC are fetched */
    OSSL_FUNC_core_new_error_fn *new_error;
    OSSL_FUNC_core_set_error_debug_fn *set_error_debug;
    OSSL_FUNC_core_vset_error_fn *vset_error;
    OSSL_FUNC_BIO_read_ex_fn *bio_read_ex;
    OSSL_FUNC_BIO_write_ex_fn *bio_write_ex;
} pqs_prov_ctx;

/* One key type: a pure ML-KEM set, or an ECDH + ML-KEM hybrid of the draft. */
typedef struct pqs_prov_alg {
    const char *name;            /* primary name: KEYMGMT and KEM */
    const char *names;           /* colon-separated names for the algorithm tables */
    const char *group;           /* TLS NamedGroup name, NULL when none */
    unsigned group_id;           /* IANA codepoint */
    const pqs_mlkem_params *mlkem;
    int ec;                      /* PQS_EC_* */
    const char *ec_group;        /* "P-256", "P-384", NULL */
    size_t ec_pub_bytes;         /* 0, 32, 65, 97 */
    size_t ec_ss_bytes;          /* 0, 32, 32, 48 */
    int ec_first;                /* 1: ECDH share and secret come first (SecP*) */
    unsigned secbits;            /* security bits for TLS and EVP_PKEY_get_security_bits */
} pqs_prov_alg;

extern const pqs_prov_alg pqs_prov_algs[];
extern const size_t pqs_prov_nalgs;

/* Share and secret sizes of an algorithm. */
size_t pqs_prov_pub_bytes(const pqs_prov_alg *a);     /* client share: ek (+ EC point) */
size_t pqs_prov_ct_bytes(const pqs_prov_alg *a);      /* server share: ct (+ EC point) */
size_t pqs_prov_ss_bytes(const pqs_prov_alg *a);      /* shared secret */

/* A key object of the KEYMGMT. For a hybrid, `ec` is our own EC key pair (the client's,
 * generated with the ML-KEM pair) or the peer's public key (set from a client share). */
typedef struct pqs_prov_key {
    const pqs_prov_alg *alg;
    pqs_prov_ctx *prov;
    int has_pub, has_priv, has_seed;
    uint8_t ek[PQS_MLKEM_EK_MAX];
    uint8_t dk[PQS_MLKEM_DK_MAX];
    uint8_t seed[2 * PQS_MLKEM_SYM_BYTES];   /* d || z, when known */
    EVP_PKEY *ec;
    uint8_t ec_pub[PQS_PROV_EC_PUB_MAX];
} pqs_prov_key;

pqs_prov_key *pqs_prov_key_new(pqs_prov_ctx *prov, const pqs_prov_alg *alg);
void pqs_prov_key_free(pqs_prov_key *key);
/* Fill a fresh key from a seed d || z (ML-KEM.KeyGen_internal) or, seed NULL, from fresh
 * randomness; for a hybrid also a fresh EC key pair. 1 on success, 0 on error. */
int pqs_prov_key_generate(pqs_prov_key *key, const uint8_t *seed);
/* The encoded public key (TLS client share): ek, or the draft's concatenation. */
int pqs_prov_key_encode_pub(const pqs_prov_key *key, uint8_t *out, size_t *len);
/* Set the public key from a TLS client share (or raw ek); checks lengths, the FIPS 203
 * §7.2 modulus check and the EC point. Drops any private part. 1 or 0. */
int pqs_prov_key_set_pub(pqs_prov_key *key, const uint8_t *in, size_t len);

/* Errors through the core (reason codes below, with text in prov.c). */
enum {
    PQS_PROV_R_BAD_LENGTH = 1,
    PQS_PROV_R_INVALID_KEY,
    PQS_PROV_R_BAD_EC_POINT,
    PQS_PROV_R_NO_KEY,
    PQS_PROV_R_CLASSICAL,
    PQS_PROV_R_RANDOM,
    PQS_PROV_R_MALLOC,
    PQS_PROV_R_UNSUPPORTED
};
void pqs_prov_err(const pqs_prov_ctx *prov, const char *file, int line, const char *func,
                  int reason, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define PQS_PROV_ERR(prov, reason, ...) \
    pqs_prov_err((prov), __FILE__, __LINE__, __func__, (reason), __VA_ARGS__)

/* ecdh.c: the classical halves. All return 1 on success and 0 on error. */
int pqs_prov_ec_keygen(pqs_prov_ctx *prov, const pqs_prov_alg *alg, EVP_PKEY **key,
                       uint8_t *pub);
int pqs_prov_ec_peer(pqs_prov_ctx *prov, const pqs_prov_alg *alg, const uint8_t *pub,
                     EVP_PKEY **peer);
int pqs_prov_ec_derive(pqs_prov_ctx *prov, const pqs_prov_alg *alg, EVP_PKEY *own,
                       EVP_PKEY *peer, uint8_t *ss);

/* Dispatch tables (one per algorithm for KEYMGMT, shared for KEM and codecs). */
extern const OSSL_DISPATCH pqs_prov_keymgmt_dispatch_0[], pqs_prov_keymgmt_dispatch_1[],
    pqs_prov_keymgmt_dispatch_2[], pqs_prov_keymgmt_dispatch_3[], pqs_prov_keymgmt_dispatch_4[],
    pqs_prov_keymgmt_dispatch_5[];
extern const OSSL_DISPATCH pqs_prov_kem_functions[];
const OSSL_ALGORITHM *pqs_prov_encoders(void);
const OSSL_ALGORITHM *pqs_prov_decoders(void);

/* keymgmt.c: export of a key through an OSSL_CALLBACK (the decoders' export_object). */
int pqs_prov_key_export(void *keydata, int selection, OSSL_CALLBACK *cb, void *cbarg);

#endif
