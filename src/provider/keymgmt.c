/* KEYMGMT (provider-keymgmt(7)) for ML-KEM-512/768/1024 and the three hybrids.
 *
 * libssl 3.0 drives a KEM group through this interface: the client generates a key
 * (EVP_PKEY_keygen with the group name) and sends OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY; the
 * server makes an empty key (EVP_PKEY_paramgen) and sets the client's share into it with
 * the same parameter, which is where a hostile share is refused. Pure ML-KEM keys also
 * carry the parameters OpenSSL 3.5 uses ("pub", "priv", "seed") for EVP_PKEY_todata /
 * fromdata and the encoders. */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include "pqsafe/common.h"
#include "prov.h"

/* OpenSSL 3.5's name for the ML-KEM seed parameter (d || z), "seed". */
#define PQS_PARAM_SEED "seed"

pqs_prov_key *pqs_prov_key_new(pqs_prov_ctx *prov, const pqs_prov_alg *alg)
{
    pqs_prov_key *key = OPENSSL_zalloc(sizeof *key);
    if (key == NULL) {
        PQS_PROV_ERR(prov, PQS_PROV_R_MALLOC, "out of memory");
        return NULL;
    }
    key->alg = alg;
    key->prov = prov;
    return key;
}

static void key_drop_private(pqs_prov_key *key)
{
    pqs_wipe(key->dk, sizeof key->dk);
    pqs_wipe(key->seed, sizeof key->seed);
    key->has_priv = key->has_seed = 0;
}

void pqs_prov_key_free(pqs_prov_key *key)
{
    if (key == NULL)
        return;
    EVP_PKEY_free(key->ec);
    pqs_wipe(key, sizeof *key);
    OPENSSL_free(key);
}

int pqs_prov_key_generate(pqs_prov_key *key, const uint8_t *seed)
{
    const pqs_prov_alg *alg = key->alg;
    uint8_t fresh[2 * PQS_MLKEM_SYM_BYTES];
    if (seed == NULL) {
        if (pqs_randombytes(fresh, sizeof fresh) != PQS_OK) {
            PQS_PROV_ERR(key->prov, PQS_PROV_R_RANDOM, "the system random source failed");
            return 0;
        }
        seed = fresh;
    }
    /* FIPS 203 Algorithm 16, ML-KEM.KeyGen_internal(d, z) */
    pqs_mlkem_keypair_derand(alg->mlkem, key->ek, key->dk, seed, seed + PQS_MLKEM_SYM_BYTES);
    memcpy(key->seed, seed, sizeof key->seed);
    pqs_wipe(fresh, sizeof fresh);
    key->has_pub = key->has_priv = key->has_seed = 1;
    if (alg->ec != PQS_EC_NONE) {
        EVP_PKEY_free(key->ec);
        key->ec = NULL;
        if (!pqs_prov_ec_keygen(key->prov, alg, &key->ec, key->ec_pub)) {
            key_drop_private(key);
            key->has_pub = 0;
            return 0;
        }
    }
    return 1;
}

int pqs_prov_key_encode_pub(const pqs_prov_key *key, uint8_t *out, size_t *len)
{
    const pqs_prov_alg *a = key->alg;
    size_t ek = a->mlkem->ek_bytes;
    if (!key->has_pub)
        return 0;
    if (a->ec_first) {
        memcpy(out, key->ec_pub, a->ec_pub_bytes);
        memcpy(out + a->ec_pub_bytes, key->ek, ek);
    } else {
        memcpy(out, key->ek, ek);
        memcpy(out + ek, key->ec_pub, a->ec_pub_bytes);
    }
    *len = ek + a->ec_pub_bytes;
    return 1;
}

int pqs_prov_key_set_pub(pqs_prov_key *key, const uint8_t *in, size_t len)
{
    const pqs_prov_alg *a = key->alg;
    size_t ek_len = a->mlkem->ek_bytes;
    if (len != pqs_prov_pub_bytes(a)) {
        PQS_PROV_ERR(key->prov, PQS_PROV_R_BAD_LENGTH, "%s public key must be %zu bytes, not %zu",
                     a->name, pqs_prov_pub_bytes(a), len);
        return 0;
    }
    const uint8_t *ek = a->ec_first ? in + a->ec_pub_bytes : in;
    const uint8_t *ec = a->ec_first ? in : in + ek_len;
    /* FIPS 203 §7.2: the encapsulation key must survive ByteDecode_12 / ByteEncode_12. */
    if (pqs_mlkem_check_ek(a->mlkem, ek) != 0) {
        PQS_PROV_ERR(key->prov, PQS_PROV_R_INVALID_KEY,
                     "%s encapsulation key fails the modulus check (FIPS 203 7.2)", a->name);
        return 0;
    }
    EVP_PKEY *peer = NULL;
    if (a->ec != PQS_EC_NONE && !pqs_prov_ec_peer(key->prov, a, ec, &peer))
        return 0;
    key_drop_private(key);
    EVP_PKEY_free(key->ec);
    key->ec = peer;
    memcpy(key->ek, ek, ek_len);
    memcpy(key->ec_pub, ec, a->ec_pub_bytes);
    key->has_pub = 1;
    return 1;
}

/* ---- new / free / has / match / dup ---- */

/* One `new` and `gen_init` per algorithm: the dispatch carries no algorithm otherwise. */
typedef struct {
    pqs_prov_ctx *prov;
    const pqs_prov_alg *alg;
    int selection;
    int has_seed;
    uint8_t seed[2 * PQS_MLKEM_SYM_BYTES];
} gen_ctx;

static void *key_new_alg(void *provctx, size_t i)
{
    return pqs_prov_key_new(provctx, &pqs_prov_algs[i]);
}

static int gen_set_params(void *vctx, const OSSL_PARAM params[]);

static void *gen_init_alg(void *provctx, int selection, const OSSL_PARAM params[], size_t i)
{
    gen_ctx *g = OPENSSL_zalloc(sizeof *g);
    if (g == NULL)
        return NULL;
    g->prov = provctx;
    g->alg = &pqs_prov_algs[i];
    g->selection = selection;
    if (!gen_set_params(g, params)) {
        OPENSSL_free(g);
        return NULL;
    }
    return g;
}

static void key_free(void *k) { pqs_prov_key_free(k); }

static int key_has(const void *vkey, int selection)
{
    const pqs_prov_key *key = vkey;
    if (key == NULL)
        return 0;
    int ok = 1;
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY)
        ok = ok && key->has_pub;
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
        ok = ok && key->has_priv;
    return ok;   /* no domain parameters: always "has" them */
}

static int key_match(const void *v1, const void *v2, int selection)
{
    const pqs_prov_key *a = v1, *b = v2;
    if (a->alg != b->alg)
        return 0;
    if (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) {
        /* Public keys decide when both have them; otherwise compare private keys. */
        if (a->has_pub && b->has_pub) {
            return CRYPTO_memcmp(a->ek, b->ek, a->alg->mlkem->ek_bytes) == 0 &&
                   CRYPTO_memcmp(a->ec_pub, b->ec_pub, a->alg->ec_pub_bytes) == 0;
        }
        if (a->has_priv && b->has_priv && a->alg->ec == PQS_EC_NONE)
            return CRYPTO_memcmp(a->dk, b->dk, a->alg->mlkem->dk_bytes) == 0;
        return 0;
    }
    return 1;
}

static void *key_dup(const void *vsrc, int selection)
{
    const pqs_prov_key *src = vsrc;
    pqs_prov_key *k = pqs_prov_key_new(src->prov, src->alg);
    if (k == NULL)
        return NULL;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && src->has_pub) {
        memcpy(k->ek, src->ek, sizeof k->ek);
        memcpy(k->ec_pub, src->ec_pub, sizeof k->ec_pub);
        k->has_pub = 1;
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && src->has_priv) {
        memcpy(k->dk, src->dk, sizeof k->dk);
        memcpy(k->seed, src->seed, sizeof k->seed);
        k->has_priv = 1;
        k->has_seed = src->has_seed;
    }
    /* The EC half is one object (key pair or peer key): share it by reference. */
    if (src->ec != NULL && (k->has_pub || k->has_priv)) {
        if (!EVP_PKEY_up_ref(src->ec)) {
            pqs_prov_key_free(k);
            return NULL;
        }
        k->ec = src->ec;
    }
    return k;
}

static int key_validate(const void *vkey, int selection, int checktype)
{
    const pqs_prov_key *key = vkey;
    (void)checktype;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) &&
        (!key->has_pub || pqs_mlkem_check_ek(key->alg->mlkem, key->ek) != 0))
        return 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) &&
        (!key->has_priv || pqs_mlkem_check_dk(key->alg->mlkem, key->dk) != 0))
        return 0;
    return 1;
}

/* ---- generation ---- */

static int gen_set_params(void *vctx, const OSSL_PARAM params[])
{
    gen_ctx *g = vctx;
    const OSSL_PARAM *p;
    if (params == NULL)
        return 1;
    /* libssl sets the group name (tls-group-name-internal); it must be ours. */
    p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_GROUP_NAME);
    if (p != NULL) {
        const char *name = NULL;
        if (!OSSL_PARAM_get_utf8_string_ptr(p, &name) ||
            (OPENSSL_strcasecmp(name, g->alg->name) != 0 &&
             (g->alg->group == NULL || OPENSSL_strcasecmp(name, g->alg->group) != 0))) {
            PQS_PROV_ERR(g->prov, PQS_PROV_R_UNSUPPORTED, "group %s is not %s",
                         name ? name : "(none)", g->alg->name);
            return 0;
        }
    }
    /* A deterministic key from d || z, as OpenSSL 3.5's "seed" generation parameter. */
    p = OSSL_PARAM_locate_const(params, PQS_PARAM_SEED);
    if (p != NULL) {
        void *s = g->seed;
        size_t len = 0;
        if (!OSSL_PARAM_get_octet_string(p, &s, sizeof g->seed, &len) || len != sizeof g->seed) {
            PQS_PROV_ERR(g->prov, PQS_PROV_R_BAD_LENGTH, "the ML-KEM seed must be 64 bytes");
            return 0;
        }
        g->has_seed = 1;
    }
    return 1;
}

static const OSSL_PARAM *gen_settable_params(void *vctx, void *provctx)
{
    static const OSSL_PARAM settable[] = {
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, NULL, 0),
        OSSL_PARAM_octet_string(PQS_PARAM_SEED, NULL, 0),
        OSSL_PARAM_END};
    (void)vctx;
    (void)provctx;
    return settable;
}

static void *gen(void *vctx, OSSL_CALLBACK *cb, void *cbarg)
{
    gen_ctx *g = vctx;
    (void)cb;
    (void)cbarg;
    pqs_prov_key *key = pqs_prov_key_new(g->prov, g->alg);
    if (key == NULL)
        return NULL;
    /* Parameter generation (libssl's server side) makes an empty key of the group. */
    if ((g->selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return key;
    if (!pqs_prov_key_generate(key, g->has_seed ? g->seed : NULL)) {
        pqs_prov_key_free(key);
        return NULL;
    }
    return key;
}

static void gen_cleanup(void *vctx)
{
    gen_ctx *g = vctx;
    if (g == NULL)
        return;
    pqs_wipe(g, sizeof *g);
    OPENSSL_free(g);
}

static void *key_load(const void *reference, size_t reference_sz)
{
    pqs_prov_key *key = NULL;
    /* The decoders pass the address of their key pointer and give up ownership. */
    if (reference_sz == sizeof key) {
        key = *(pqs_prov_key *const *)reference;
        *(pqs_prov_key **)reference = NULL;
    }
    return key;
}

/* ---- parameters ---- */

static int key_get_params(void *vkey, OSSL_PARAM params[])
{
    pqs_prov_key *key = vkey;
    const pqs_prov_alg *a = key->alg;
    OSSL_PARAM *p;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_BITS)) != NULL &&
        !OSSL_PARAM_set_int(p, (int)(8 * pqs_prov_pub_bytes(a))))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_SECURITY_BITS)) != NULL &&
        !OSSL_PARAM_set_int(p, (int)a->secbits))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_MAX_SIZE)) != NULL &&
        !OSSL_PARAM_set_int(p, (int)pqs_prov_ct_bytes(a)))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) != NULL) {
        uint8_t buf[PQS_PROV_SHARE_MAX];
        size_t len;
        if (!pqs_prov_key_encode_pub(key, buf, &len) || !OSSL_PARAM_set_octet_string(p, buf, len))
            return 0;
    }
    if (a->ec != PQS_EC_NONE)
        return 1;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_PUB_KEY)) != NULL &&
        (!key->has_pub || !OSSL_PARAM_set_octet_string(p, key->ek, a->mlkem->ek_bytes)))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL &&
        (!key->has_priv || !OSSL_PARAM_set_octet_string(p, key->dk, a->mlkem->dk_bytes)))
        return 0;
    if ((p = OSSL_PARAM_locate(params, PQS_PARAM_SEED)) != NULL &&
        (!key->has_seed || !OSSL_PARAM_set_octet_string(p, key->seed, sizeof key->seed)))
        return 0;
    return 1;
}

static const OSSL_PARAM *key_gettable_params(void *provctx)
{
    static const OSSL_PARAM gettable[] = {
        OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, NULL),
        OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, NULL),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
        OSSL_PARAM_octet_string(PQS_PARAM_SEED, NULL, 0),
        OSSL_PARAM_END};
    (void)provctx;
    return gettable;
}

static int key_set_params(void *vkey, const OSSL_PARAM params[])
{
    pqs_prov_key *key = vkey;
    const OSSL_PARAM *p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY);
    if (p != NULL) {
        const void *data;
        size_t len;
        if (!OSSL_PARAM_get_octet_string_ptr(p, &data, &len)) {
            PQS_PROV_ERR(key->prov, PQS_PROV_R_BAD_LENGTH, "the key share is not an octet string");
            return 0;
        }
        return pqs_prov_key_set_pub(key, data, len);
    }
    return 1;
}

static const OSSL_PARAM *key_settable_params(void *provctx)
{
    static const OSSL_PARAM settable[] = {
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_END};
    (void)provctx;
    return settable;
}

/* ---- import / export (pure ML-KEM: pub, priv, seed; hybrids: the public share) ---- */

static int key_import(void *vkey, int selection, const OSSL_PARAM params[])
{
    pqs_prov_key *key = vkey;
    const pqs_prov_alg *a = key->alg;
    const OSSL_PARAM *p;
    const void *data;
    size_t len;
    if ((selection & OSSL_KEYMGMT_SELECT_KEYPAIR) == 0)
        return 1;
    if (a->ec != PQS_EC_NONE) {
        if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) ||
            (p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY)) == NULL ||
            !OSSL_PARAM_get_octet_string_ptr(p, &data, &len))
            return 0;
        return pqs_prov_key_set_pub(key, data, len);
    }
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) {
        if ((p = OSSL_PARAM_locate_const(params, PQS_PARAM_SEED)) != NULL) {
            if (!OSSL_PARAM_get_octet_string_ptr(p, &data, &len) || len != sizeof key->seed)
                return 0;
            if (!pqs_prov_key_generate(key, data))
                return 0;
            /* An expanded key given with the seed must be the one the seed makes. */
            p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_PRIV_KEY);
            if (p != NULL && (!OSSL_PARAM_get_octet_string_ptr(p, &data, &len) ||
                              len != a->mlkem->dk_bytes ||
                              CRYPTO_memcmp(data, key->dk, len) != 0))
                return 0;
            return 1;
        }
        if ((p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_PRIV_KEY)) != NULL) {
            if (!OSSL_PARAM_get_octet_string_ptr(p, &data, &len) || len != a->mlkem->dk_bytes ||
                pqs_mlkem_check_dk(a->mlkem, data) != 0)
                return 0;
            memcpy(key->dk, data, len);
            /* FIPS 203: dk = dk_PKE || ek || H(ek) || z */
            memcpy(key->ek, key->dk + 384 * a->mlkem->k, a->mlkem->ek_bytes);
            key->has_priv = key->has_pub = 1;
            return 1;
        }
    }
    if ((p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_PUB_KEY)) == NULL)
        p = OSSL_PARAM_locate_const(params, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY);
    if (p == NULL || !OSSL_PARAM_get_octet_string_ptr(p, &data, &len))
        return 0;
    return pqs_prov_key_set_pub(key, data, len);
}

int pqs_prov_key_export(void *vkey, int selection, OSSL_CALLBACK *cb, void *cbarg)
{
    pqs_prov_key *key = vkey;
    const pqs_prov_alg *a = key->alg;
    OSSL_PARAM params[4];
    size_t n = 0;
    uint8_t share[PQS_PROV_SHARE_MAX];
    size_t share_len = 0;
    if ((selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY) && key->has_pub) {
        if (a->ec != PQS_EC_NONE) {
            pqs_prov_key_encode_pub(key, share, &share_len);
            params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                                            share, share_len);
        } else {
            params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, key->ek,
                                                            a->mlkem->ek_bytes);
        }
    }
    if ((selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && key->has_priv) {
        if (a->ec != PQS_EC_NONE)
            return 0;   /* a hybrid's private half lives in an EVP_PKEY: not exported */
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, key->dk,
                                                        a->mlkem->dk_bytes);
        if (key->has_seed)
            params[n++] = OSSL_PARAM_construct_octet_string(PQS_PARAM_SEED, key->seed,
                                                            sizeof key->seed);
    }
    params[n] = OSSL_PARAM_construct_end();
    return cb(params, cbarg);
}

static const OSSL_PARAM *key_port_types(int selection)
{
    static const OSSL_PARAM all[] = {
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, NULL, 0),
        OSSL_PARAM_octet_string(PQS_PARAM_SEED, NULL, 0),
        OSSL_PARAM_END};
    return (selection & OSSL_KEYMGMT_SELECT_KEYPAIR) ? all : all + 4;
}

static const char *key_query_operation_name(int operation_id)
{
    (void)operation_id;
    return NULL;   /* the KEM has the KEYMGMT's name */
}

/* ---- dispatch tables ---- */

#define KEYMGMT_FUNCTIONS(i)                                                               \
    static void *key_new_##i(void *provctx) { return key_new_alg(provctx, i); }            \
    static void *gen_init_##i(void *provctx, int selection, const OSSL_PARAM params[])     \
    {                                                                                      \
        return gen_init_alg(provctx, selection, params, i);                                \
    }                                                                                      \
    const OSSL_DISPATCH pqs_prov_keymgmt_dispatch_##i[] = {                                           \
        {OSSL_FUNC_KEYMGMT_NEW, (void (*)(void))key_new_##i},                              \
        {OSSL_FUNC_KEYMGMT_GEN_INIT, (void (*)(void))gen_init_##i},                        \
        {OSSL_FUNC_KEYMGMT_GEN_SET_PARAMS, (void (*)(void))gen_set_params},                \
        {OSSL_FUNC_KEYMGMT_GEN_SETTABLE_PARAMS, (void (*)(void))gen_settable_params},      \
        {OSSL_FUNC_KEYMGMT_GEN, (void (*)(void))gen},                                      \
        {OSSL_FUNC_KEYMGMT_GEN_CLEANUP, (void (*)(void))gen_cleanup},                      \
        {OSSL_FUNC_KEYMGMT_LOAD, (void (*)(void))key_load},                                \
        {OSSL_FUNC_KEYMGMT_FREE, (void (*)(void))key_free},                                \
        {OSSL_FUNC_KEYMGMT_GET_PARAMS, (void (*)(void))key_get_params},                    \
        {OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, (void (*)(void))key_gettable_params},          \
        {OSSL_FUNC_KEYMGMT_SET_PARAMS, (void (*)(void))key_set_params},                    \
        {OSSL_FUNC_KEYMGMT_SETTABLE_PARAMS, (void (*)(void))key_settable_params},          \
        {OSSL_FUNC_KEYMGMT_HAS, (void (*)(void))key_has},                                  \
        {OSSL_FUNC_KEYMGMT_MATCH, (void (*)(void))key_match},                              \
        {OSSL_FUNC_KEYMGMT_VALIDATE, (void (*)(void))key_validate},                        \
        {OSSL_FUNC_KEYMGMT_IMPORT, (void (*)(void))key_import},                            \
        {OSSL_FUNC_KEYMGMT_IMPORT_TYPES, (void (*)(void))key_port_types},                  \
        {OSSL_FUNC_KEYMGMT_EXPORT, (void (*)(void))pqs_prov_key_export},                   \
        {OSSL_FUNC_KEYMGMT_EXPORT_TYPES, (void (*)(void))key_port_types},                  \
        {OSSL_FUNC_KEYMGMT_DUP, (void (*)(void))key_dup},                                  \
        {OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, (void (*)(void))key_query_operation_name}, \
        {0, NULL}};

KEYMGMT_FUNCTIONS(0)
KEYMGMT_FUNCTIONS(1)
KEYMGMT_FUNCTIONS(2)
KEYMGMT_FUNCTIONS(3)
KEYMGMT_FUNCTIONS(4)
KEYMGMT_FUNCTIONS(5)

