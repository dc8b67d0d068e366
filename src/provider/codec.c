/* ENCODER and DECODER (provider-encoder(7), provider-decoder(7)) for ML-KEM key files:
 * SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo, DER and PEM, written and read by
 * src/encoding, the same code as `pqsafe keygen` / `pqsafe pubkey`, so files made by
 * either tool are byte-identical. A private key is written in the seed form when the
 * seed is known (the default of `pqsafe keygen`), as the expanded key otherwise.
 * OpenSSL's own PEM decoder turns PEM into DER and names its structure from the label;
 * our decoders take the DER. A DER input that is not ours is passed over (return 1 with
 * no object), so other decoders may try it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/core_object.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include "encoding/key.h"
#include "encoding/pem.h"
#include "pqsafe/common.h"
#include "prov.h"

enum { FMT_DER, FMT_PEM, FMT_TEXT };
enum { ST_SPKI, ST_PKCS8, ST_NONE };

typedef struct {
    const pqs_prov_alg *alg;
    int format;      /* FMT_* */
    int structure;   /* ST_* */
} codec_desc;

typedef struct {
    pqs_prov_ctx *prov;
    const codec_desc *desc;
} codec_ctx;

/* ---- conversion between the provider key and the encoding layer's pqs_key ---- */

static int to_pqs_key(const pqs_prov_key *k, int with_private, pqs_key **out)
{
    const pqs_keyfile_alg *fa = pqs_key_alg_by_name(k->alg->name);
    pqs_key *key;
    if (fa == NULL || !k->has_pub || (with_private && !k->has_priv) ||
        pqs_key_new(&key, fa, with_private) != PQS_OK)
        return 0;
    memcpy(key->pub, k->ek, key->pub_len);
    if (with_private) {
        memcpy(key->priv, k->dk, key->priv_len);
        if (k->has_seed) {
            memcpy(key->seed, k->seed, sizeof k->seed);
            key->seed_len = sizeof k->seed;
        }
    }
    *out = key;
    return 1;
}

static pqs_prov_key *from_pqs_key(pqs_prov_ctx *prov, const pqs_prov_alg *alg, const pqs_key *key)
{
    pqs_prov_key *k = pqs_prov_key_new(prov, alg);
    if (k == NULL)
        return NULL;
    memcpy(k->ek, key->pub, key->pub_len);
    k->has_pub = 1;
    if (key->priv != NULL) {
        memcpy(k->dk, key->priv, key->priv_len);
        k->has_priv = 1;
        if (key->seed_len == sizeof k->seed) {
            memcpy(k->seed, key->seed, key->seed_len);
            k->has_seed = 1;
        }
    }
    return k;
}

/* ---- encoders ---- */

static int bio_write(const codec_ctx *c, OSSL_CORE_BIO *out, const void *buf, size_t len)
{
    size_t written = 0;
    return c->prov->bio_write_ex != NULL && c->prov->bio_write_ex(out, buf, len, &written) &&
           written == len;
}

static int bio_printf(const codec_ctx *c, OSSL_CORE_BIO *out, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bio_printf(const codec_ctx *c, OSSL_CORE_BIO *out, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < sizeof line && bio_write(c, out, line, (size_t)n);
}

/* "name:\n    xx:xx:...\n" in lines of 15 bytes, as OpenSSL prints key material. */
static int print_hex(const codec_ctx *c, OSSL_CORE_BIO *out, const char *name,
                     const uint8_t *p, size_t len)
{
    int ok = bio_printf(c, out, "%s:\n", name);
    for (size_t i = 0; ok && i < len; i += 15) {
        char line[4 + 15 * 3 + 2];
        size_t n = 0;
        n += (size_t)snprintf(line, sizeof line, "    ");
        for (size_t j = i; j < len && j < i + 15; j++)
            n += (size_t)snprintf(line + n, sizeof line - n, "%02x%s", p[j], j + 1 < len ? ":" : "");
        line[n++] = '\n';
        ok = bio_write(c, out, line, n);
        pqs_wipe(line, sizeof line);
    }
    return ok;
}

static int encode_text(const codec_ctx *c, OSSL_CORE_BIO *out, const pqs_prov_key *k, int selection)
{
    const pqs_mlkem_params *p = k->alg->mlkem;
    int priv = (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) && k->has_priv;
    int ok = bio_printf(c, out, "%s %s:\n", k->alg->name, priv ? "Private-Key" : "Public-Key");
    if (ok && priv && k->has_seed)
        ok = print_hex(c, out, "seed", k->seed, sizeof k->seed);
    if (ok && priv)
        ok = print_hex(c, out, "dk", k->dk, p->dk_bytes);
    if (ok && k->has_pub)
        ok = print_hex(c, out, "ek", k->ek, p->ek_bytes);
    return ok;
}

static int encode(void *vctx, OSSL_CORE_BIO *out, const void *obj_raw,
                  const OSSL_PARAM obj_abstract[], int selection,
                  OSSL_PASSPHRASE_CALLBACK *cb, void *cbarg)
{
    codec_ctx *c = vctx;
    const pqs_prov_key *k = obj_raw;
    (void)cb;
    (void)cbarg;
    if (k == NULL || obj_abstract != NULL) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_UNSUPPORTED, "only keys of this provider can be encoded");
        return 0;
    }
    if (c->desc->format == FMT_TEXT)
        return encode_text(c, out, k, selection);
    int private = c->desc->structure == ST_PKCS8;
    if (private && !(selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY))
        return 0;
    pqs_key *key = NULL;
    uint8_t *buf = NULL;
    size_t len = 0;
    int rc = PQS_E_INVALID_KEY;
    if (to_pqs_key(k, private, &key)) {
        int format = c->desc->format == FMT_PEM ? PQS_KEY_PEM : PQS_KEY_DER;
        rc = private ? pqs_key_encode_private(key, format,
                                              k->has_seed ? PQS_KEY_FORM_SEED : PQS_KEY_FORM_EXPANDED,
                                              &buf, &len)
                     : pqs_key_encode_public(key, format, &buf, &len);
    }
    pqs_key_free(key);
    int ok = rc == PQS_OK && bio_write(c, out, buf, len);
    pqs_key_buffer_free(buf, len);
    if (!ok)
        PQS_PROV_ERR(c->prov, PQS_PROV_R_INVALID_KEY, "cannot encode the %s key: %s", k->alg->name,
                     rc == PQS_OK ? "write failed" : pqs_strerror(rc));
    return ok;
}

/* The selections are levels: private includes public includes parameters. An encoder of
 * a structure answers for the highest level asked for. */
static int selection_fits(int selection, int structure)
{
    if (selection == 0)
        return 1;
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
        return structure == ST_PKCS8 || structure == ST_NONE;
    if (selection & OSSL_KEYMGMT_SELECT_PUBLIC_KEY)
        return structure == ST_SPKI || structure == ST_NONE;
    return structure == ST_NONE;
}

/* ---- decoders ---- */

#define MAX_KEY_FILE (1u << 20)

static int decode(void *vctx, OSSL_CORE_BIO *in, int selection, OSSL_CALLBACK *data_cb,
                  void *data_cbarg, OSSL_PASSPHRASE_CALLBACK *pw_cb, void *pw_cbarg)
{
    codec_ctx *c = vctx;
    (void)pw_cb;
    (void)pw_cbarg;
    (void)selection;
    size_t cap = 8192, len = 0;
    uint8_t *buf = OPENSSL_malloc(cap);
    if (buf == NULL || c->prov->bio_read_ex == NULL) {
        OPENSSL_free(buf);
        return 0;
    }
    for (;;) {
        size_t got = 0;
        if (len == cap) {
            uint8_t *nb = cap >= MAX_KEY_FILE ? NULL : OPENSSL_clear_realloc(buf, cap, 2 * cap);
            if (nb == NULL) {   /* not a key file of ours: let other decoders look */
                OPENSSL_clear_free(buf, cap);
                return 1;
            }
            buf = nb;
            cap *= 2;
        }
        if (!c->prov->bio_read_ex(in, buf + len, cap - len, &got) || got == 0)
            break;
        len += got;
    }
    pqs_key *key = NULL;
    int rc = PQS_E_DECODE;
    if (len > 0 && buf[0] == 0x30)
        rc = c->desc->structure == ST_PKCS8 ? pqs_pkcs8_decode(&key, buf, len)
                                            : pqs_spki_decode(&key, buf, len);
    OPENSSL_clear_free(buf, cap);
    if (rc != PQS_OK || strcmp(pqs_key_alg(key), c->desc->alg->name) != 0) {
        pqs_key_free(key);
        return 1;   /* empty-handed, not an error: the input may be another decoder's */
    }
    pqs_prov_key *k = from_pqs_key(c->prov, c->desc->alg, key);
    pqs_key_free(key);
    if (k == NULL)
        return 0;
    int type = OSSL_OBJECT_PKEY;
    OSSL_PARAM params[4] = {
        OSSL_PARAM_construct_int(OSSL_OBJECT_PARAM_TYPE, &type),
        OSSL_PARAM_construct_utf8_string(OSSL_OBJECT_PARAM_DATA_TYPE, (char *)c->desc->alg->name, 0),
        OSSL_PARAM_construct_octet_string(OSSL_OBJECT_PARAM_REFERENCE, &k, sizeof k),
        OSSL_PARAM_construct_end()};
    int ok = data_cb(params, data_cbarg);
    pqs_prov_key_free(k);   /* NULL when the KEYMGMT's load took it */
    return ok;
}

static int export_object(void *vctx, const void *reference, size_t reference_sz,
                         OSSL_CALLBACK *export_cb, void *export_cbarg)
{
    (void)vctx;
    if (reference_sz != sizeof(pqs_prov_key *))
        return 0;
    pqs_prov_key *k = *(pqs_prov_key *const *)reference;
    return pqs_prov_key_export(k, OSSL_KEYMGMT_SELECT_ALL, export_cb, export_cbarg);
}

/* ---- contexts and tables ---- */

/* For each ML-KEM set: encoders {SPKI, PKCS#8} x {DER, PEM} and text; decoders {SPKI,
 * PKCS#8} from DER. pqs_prov_algs[0..2] are ML-KEM-512/768/1024. */
#define ENC_DESCS(a)                                                                    \
    {&pqs_prov_algs[a], FMT_DER, ST_SPKI}, {&pqs_prov_algs[a], FMT_PEM, ST_SPKI},       \
    {&pqs_prov_algs[a], FMT_DER, ST_PKCS8}, {&pqs_prov_algs[a], FMT_PEM, ST_PKCS8},     \
    {&pqs_prov_algs[a], FMT_TEXT, ST_NONE}
#define DEC_DESCS(a) {&pqs_prov_algs[a], FMT_DER, ST_SPKI}, {&pqs_prov_algs[a], FMT_DER, ST_PKCS8}

static const codec_desc g_enc_desc[] = {ENC_DESCS(0), ENC_DESCS(1), ENC_DESCS(2)};
static const codec_desc g_dec_desc[] = {DEC_DESCS(0), DEC_DESCS(1), DEC_DESCS(2)};

static void *newctx_desc(void *provctx, const codec_desc *d)
{
    codec_ctx *c = OPENSSL_zalloc(sizeof *c);
    if (c != NULL) {
        c->prov = provctx;
        c->desc = d;
    }
    return c;
}

static void freectx(void *vctx) { OPENSSL_free(vctx); }

/* One newctx / does_selection per descriptor: the core passes only the provctx. */
#define CODEC_FUNCTIONS(kind, i)                                                        \
    static void *kind##_newctx_##i(void *provctx)                                       \
    {                                                                                   \
        return newctx_desc(provctx, &g_##kind##_desc[i]);                               \
    }                                                                                   \
    static int kind##_does_selection_##i(void *provctx, int selection)                  \
    {                                                                                   \
        (void)provctx;                                                                  \
        return selection_fits(selection, g_##kind##_desc[i].structure);                 \
    }

#define ENC_TABLE(i)                                                                    \
    CODEC_FUNCTIONS(enc, i)                                                             \
    static const OSSL_DISPATCH enc_fns_##i[] = {                                        \
        {OSSL_FUNC_ENCODER_NEWCTX, (void (*)(void))enc_newctx_##i},                     \
        {OSSL_FUNC_ENCODER_FREECTX, (void (*)(void))freectx},                           \
        {OSSL_FUNC_ENCODER_DOES_SELECTION, (void (*)(void))enc_does_selection_##i},     \
        {OSSL_FUNC_ENCODER_ENCODE, (void (*)(void))encode},                             \
        {0, NULL}};

#define DEC_TABLE(i)                                                                    \
    CODEC_FUNCTIONS(dec, i)                                                             \
    static const OSSL_DISPATCH dec_fns_##i[] = {                                        \
        {OSSL_FUNC_DECODER_NEWCTX, (void (*)(void))dec_newctx_##i},                     \
        {OSSL_FUNC_DECODER_FREECTX, (void (*)(void))freectx},                           \
        {OSSL_FUNC_DECODER_DOES_SELECTION, (void (*)(void))dec_does_selection_##i},     \
        {OSSL_FUNC_DECODER_DECODE, (void (*)(void))decode},                             \
        {OSSL_FUNC_DECODER_EXPORT_OBJECT, (void (*)(void))export_object},               \
        {0, NULL}};

ENC_TABLE(0) ENC_TABLE(1) ENC_TABLE(2) ENC_TABLE(3) ENC_TABLE(4)
ENC_TABLE(5) ENC_TABLE(6) ENC_TABLE(7) ENC_TABLE(8) ENC_TABLE(9)
ENC_TABLE(10) ENC_TABLE(11) ENC_TABLE(12) ENC_TABLE(13) ENC_TABLE(14)
DEC_TABLE(0) DEC_TABLE(1) DEC_TABLE(2) DEC_TABLE(3) DEC_TABLE(4) DEC_TABLE(5)

#define SPKI "structure=SubjectPublicKeyInfo"
#define PKCS8 "structure=PrivateKeyInfo"
#define ENC_ALGS(names, a, b, c, d, e)                                                  \
    {names, "provider=pqsafe,output=der," SPKI, enc_fns_##a, "ML-KEM public key, DER"}, \
    {names, "provider=pqsafe,output=pem," SPKI, enc_fns_##b, "ML-KEM public key, PEM"}, \
    {names, "provider=pqsafe,output=der," PKCS8, enc_fns_##c, "ML-KEM private key, DER"}, \
    {names, "provider=pqsafe,output=pem," PKCS8, enc_fns_##d, "ML-KEM private key, PEM"}, \
    {names, "provider=pqsafe,output=text", enc_fns_##e, "ML-KEM key, text"}
#define DEC_ALGS(names, a, b)                                                           \
    {names, "provider=pqsafe,input=der," SPKI, dec_fns_##a, "ML-KEM public key, DER"},  \
    {names, "provider=pqsafe,input=der," PKCS8, dec_fns_##b, "ML-KEM private key, DER"}

static const OSSL_ALGORITHM g_encoders[] = {
    ENC_ALGS(PQS_PROV_MLKEM512_NAMES, 0, 1, 2, 3, 4),
    ENC_ALGS(PQS_PROV_MLKEM768_NAMES, 5, 6, 7, 8, 9),
    ENC_ALGS(PQS_PROV_MLKEM1024_NAMES, 10, 11, 12, 13, 14), {NULL, NULL, NULL, NULL}};
static const OSSL_ALGORITHM g_decoders[] = {
    DEC_ALGS(PQS_PROV_MLKEM512_NAMES, 0, 1), DEC_ALGS(PQS_PROV_MLKEM768_NAMES, 2, 3),
    DEC_ALGS(PQS_PROV_MLKEM1024_NAMES, 4, 5), {NULL, NULL, NULL, NULL}};

const OSSL_ALGORITHM *pqs_prov_encoders(void) { return g_encoders; }
const OSSL_ALGORITHM *pqs_prov_decoders(void) { return g_decoders; }
