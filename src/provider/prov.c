/* The provider's entry point (provider-base(7)): operation tables for KEYMGMT, KEM,
 * ENCODER and DECODER, the TLS-GROUP capability that lets libssl 3.0 negotiate the
 * groups with no change to the application, and errors reported through the core. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>
#include <openssl/prov_ssl.h>

#include "pqsafe/common.h"
#include "prov.h"

/* ---- errors ---- */

static const OSSL_ITEM g_reasons[] = {
    {PQS_PROV_R_BAD_LENGTH, "wrong length"},
    {PQS_PROV_R_INVALID_KEY, "invalid ML-KEM key"},
    {PQS_PROV_R_BAD_EC_POINT, "invalid elliptic-curve point"},
    {PQS_PROV_R_NO_KEY, "missing key"},
    {PQS_PROV_R_CLASSICAL, "classical key exchange failed"},
    {PQS_PROV_R_RANDOM, "random source failed"},
    {PQS_PROV_R_MALLOC, "out of memory"},
    {PQS_PROV_R_UNSUPPORTED, "unsupported"},
    {0, NULL}};

void pqs_prov_err(const pqs_prov_ctx *prov, const char *file, int line, const char *func,
                  int reason, const char *fmt, ...)
{
    if (prov == NULL || prov->new_error == NULL || prov->vset_error == NULL)
        return;
    va_list ap;
    prov->new_error(prov->handle);
    if (prov->set_error_debug != NULL)
        prov->set_error_debug(prov->handle, file, line, func);
    va_start(ap, fmt);
    prov->vset_error(prov->handle, (uint32_t)reason, fmt, ap);
    va_end(ap);
}

/* ---- operations ---- */

/* The same names as pqs_prov_algs (a static table needs them as literals). */
#define ALG(names, i, descr) {names, "provider=pqsafe", pqs_prov_keymgmt_dispatch_##i, descr}
#define KEM(names, descr) {names, "provider=pqsafe", pqs_prov_kem_functions, descr}
#define HYBRID "pqsafe hybrid KEM (draft-ietf-tls-ecdhe-mlkem)"
#define PURE "pqsafe ML-KEM (FIPS 203)"

static const OSSL_ALGORITHM g_keymgmt[] = {
    ALG(PQS_PROV_MLKEM512_NAMES, 0, PURE),
    ALG(PQS_PROV_MLKEM768_NAMES, 1, PURE),
    ALG(PQS_PROV_MLKEM1024_NAMES, 2, PURE),
    ALG("X25519MLKEM768", 3, HYBRID),
    ALG("SecP256r1MLKEM768", 4, HYBRID),
    ALG("SecP384r1MLKEM1024", 5, HYBRID),
    {NULL, NULL, NULL, NULL}};

static const OSSL_ALGORITHM g_kem[] = {
    KEM(PQS_PROV_MLKEM512_NAMES, PURE),
    KEM(PQS_PROV_MLKEM768_NAMES, PURE),
    KEM(PQS_PROV_MLKEM1024_NAMES, PURE),
    KEM("X25519MLKEM768", HYBRID),
    KEM("SecP256r1MLKEM768", HYBRID),
    KEM("SecP384r1MLKEM1024", HYBRID),
    {NULL, NULL, NULL, NULL}};

static const OSSL_ALGORITHM *query(void *provctx, int operation_id, int *no_cache)
{
    (void)provctx;
    *no_cache = 0;
    switch (operation_id) {
    case OSSL_OP_KEYMGMT:
        return g_keymgmt;
    case OSSL_OP_KEM:
        return g_kem;
    case OSSL_OP_ENCODER:
        return pqs_prov_encoders();
    case OSSL_OP_DECODER:
        return pqs_prov_decoders();
    default:
        return NULL;
    }
}

/* ---- TLS-GROUP capability (provider-base(7)) ---- */

static int tls_groups(OSSL_CALLBACK *cb, void *arg)
{
    for (size_t i = 0; i < pqs_prov_nalgs; i++) {
        const pqs_prov_alg *a = &pqs_prov_algs[i];
        unsigned int id = a->group_id, secbits = a->secbits, is_kem = 1;
        /* TLS 1.3 only (no maximum); never DTLS. */
        int min_tls = TLS1_3_VERSION, max_tls = 0, min_dtls = -1, max_dtls = -1;
        if (a->group == NULL)
            continue;
        OSSL_PARAM p[] = {
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME, (char *)a->group,
                                   strlen(a->group)),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_NAME_INTERNAL, (char *)a->group,
                                   strlen(a->group)),
            OSSL_PARAM_utf8_string(OSSL_CAPABILITY_TLS_GROUP_ALG, (char *)a->name,
                                   strlen(a->name)),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_ID, &id),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_SECURITY_BITS, &secbits),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_TLS, &min_tls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_TLS, &max_tls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MIN_DTLS, &min_dtls),
            OSSL_PARAM_int(OSSL_CAPABILITY_TLS_GROUP_MAX_DTLS, &max_dtls),
            OSSL_PARAM_uint(OSSL_CAPABILITY_TLS_GROUP_IS_KEM, &is_kem),
            OSSL_PARAM_END};
        if (!cb(p, arg))
            return 0;
    }
    return 1;
}

static int get_capabilities(void *provctx, const char *capability, OSSL_CALLBACK *cb, void *arg)
{
    (void)provctx;
    if (OPENSSL_strcasecmp(capability, "TLS-GROUP") == 0)
        return tls_groups(cb, arg);
    return 0;
}

/* ---- provider parameters ---- */

static const OSSL_PARAM *gettable_params(void *provctx)
{
    static const OSSL_PARAM params[] = {
        OSSL_PARAM_utf8_ptr(OSSL_PROV_PARAM_NAME, NULL, 0),
        OSSL_PARAM_utf8_ptr(OSSL_PROV_PARAM_VERSION, NULL, 0),
        OSSL_PARAM_utf8_ptr(OSSL_PROV_PARAM_BUILDINFO, NULL, 0),
        OSSL_PARAM_int(OSSL_PROV_PARAM_STATUS, NULL),
        OSSL_PARAM_END};
    (void)provctx;
    return params;
}

static int get_params(void *provctx, OSSL_PARAM params[])
{
    OSSL_PARAM *p;
    (void)provctx;
    if ((p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_NAME)) != NULL &&
        !OSSL_PARAM_set_utf8_ptr(p, "pqsafe post-quantum provider (ML-KEM, hybrid TLS groups)"))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_VERSION)) != NULL &&
        !OSSL_PARAM_set_utf8_ptr(p, PQS_VERSION_STRING))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_BUILDINFO)) != NULL &&
        !OSSL_PARAM_set_utf8_ptr(p, "pqsafe " PQS_VERSION_STRING " built for OpenSSL " OPENSSL_VERSION_STR))
        return 0;
    if ((p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_STATUS)) != NULL && !OSSL_PARAM_set_int(p, 1))
        return 0;
    return 1;
}

static const OSSL_ITEM *get_reason_strings(void *provctx)
{
    (void)provctx;
    return g_reasons;
}

static void teardown(void *provctx)
{
    pqs_prov_ctx *prov = provctx;
    if (prov == NULL)
        return;
    OSSL_LIB_CTX_free(prov->libctx);
    OPENSSL_free(prov);
}

static const OSSL_DISPATCH g_provider_functions[] = {
    {OSSL_FUNC_PROVIDER_TEARDOWN, (void (*)(void))teardown},
    {OSSL_FUNC_PROVIDER_GETTABLE_PARAMS, (void (*)(void))gettable_params},
    {OSSL_FUNC_PROVIDER_GET_PARAMS, (void (*)(void))get_params},
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, (void (*)(void))query},
    {OSSL_FUNC_PROVIDER_GET_REASON_STRINGS, (void (*)(void))get_reason_strings},
    {OSSL_FUNC_PROVIDER_GET_CAPABILITIES, (void (*)(void))get_capabilities},
    {0, NULL}};

__attribute__((visibility("default"))) OSSL_provider_init_fn OSSL_provider_init;

int OSSL_provider_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in,
                       const OSSL_DISPATCH **out, void **provctx)
{
    pqs_prov_ctx *prov = OPENSSL_zalloc(sizeof *prov);
    if (prov == NULL)
        return 0;
    prov->handle = handle;
    for (const OSSL_DISPATCH *f = in; f != NULL && f->function_id != 0; f++) {
        switch (f->function_id) {
        case OSSL_FUNC_CORE_NEW_ERROR:
            prov->new_error = OSSL_FUNC_core_new_error(f);
            break;
        case OSSL_FUNC_CORE_SET_ERROR_DEBUG:
            prov->set_error_debug = OSSL_FUNC_core_set_error_debug(f);
            break;
        case OSSL_FUNC_CORE_VSET_ERROR:
            prov->vset_error = OSSL_FUNC_core_vset_error(f);
            break;
        case OSSL_FUNC_BIO_READ_EX:
            prov->bio_read_ex = OSSL_FUNC_BIO_read_ex(f);
            break;
        case OSSL_FUNC_BIO_WRITE_EX:
            prov->bio_write_ex = OSSL_FUNC_BIO_write_ex(f);
            break;
        default:
            break;
        }
    }
    /* A child library context sees the providers the application loaded (the default
     * provider for X25519 / EC); fetches name it explicitly (PQS_PROV_CLASSICAL_PROPQ). */
    prov->libctx = OSSL_LIB_CTX_new_child(handle, in);
    if (prov->libctx == NULL) {
        OPENSSL_free(prov);
        return 0;
    }
    *out = g_provider_functions;
    *provctx = prov;
    return 1;
}
