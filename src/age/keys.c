/* Identities and recipients: generation, the Bech32 encodings of c2sp.org/age
 * (AGE-SECRET-KEY-PQ-1 / age1pq1 for mlkem768x25519, AGE-SECRET-KEY-1 / age1 for X25519),
 * passphrases, and unwrapping the file key from a parsed header. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

#define HRP_ID_PQ "age-secret-key-pq-"
#define HRP_ID_X25519 "age-secret-key-"
#define HRP_PQ "age1pq"
#define HRP_X25519 "age"

const char *pqs_age_failure_name(int failure)
{
    switch (failure) {
    case PQS_AGE_OK: return "success";
    case PQS_AGE_FAIL_ARMOR: return "armor failure";
    case PQS_AGE_FAIL_HEADER: return "header failure";
    case PQS_AGE_FAIL_NO_MATCH: return "no match";
    case PQS_AGE_FAIL_HMAC: return "HMAC failure";
    case PQS_AGE_FAIL_PAYLOAD: return "payload failure";
    case PQS_AGE_FAIL_IO: return "I/O failure";
    default: return "failure";
    }
}

static int identity_from_key(pqs_age_identity **out, int type, const uint8_t key[32])
{
    pqs_age_identity *id = calloc(1, sizeof *id);
    if (id == NULL)
        return PQS_E_NOMEM;
    id->type = type;
    memcpy(id->key, key, 32);
    if (type == PQS_AGE_MLKEM768X25519)
        age_mlkem_x25519_part(id->x25519_sk, key);
    /* Once per identity, not once per stanza tried. */
    int rc = age_x25519_base(id->x25519_pk, type == PQS_AGE_X25519 ? id->key : id->x25519_sk);
    if (rc != PQS_OK) {
        pqs_age_identity_free(id);
        return rc;
    }
    *out = id;
    return PQS_OK;
}

int pqs_age_identity_generate(pqs_age_identity **id, int type)
{
    if (id == NULL || (type != PQS_AGE_MLKEM768X25519 && type != PQS_AGE_X25519))
        return PQS_E_INVALID_ARG;
    uint8_t key[32];
    int rc = pqs_randombytes(key, sizeof key);
    if (rc == PQS_OK)
        rc = identity_from_key(id, type, key);
    pqs_wipe(key, sizeof key);
    return rc;
}

int pqs_age_identity_parse(pqs_age_identity **id, const char *s, size_t len)
{
    if (id == NULL || s == NULL)
        return PQS_E_INVALID_ARG;
    char *hrp = NULL;
    uint8_t *data = NULL;
    size_t dlen = 0;
    int rc = age_bech32_decode(&hrp, &data, &dlen, s, len);
    if (rc != PQS_OK)
        return rc;
    int type = strcmp(hrp, HRP_ID_PQ) == 0       ? PQS_AGE_MLKEM768X25519
               : strcmp(hrp, HRP_ID_X25519) == 0 ? PQS_AGE_X25519
                                                 : 0;
    if (type == 0)
        rc = pqs_error_set(PQS_E_DECODE, "not an age identity (prefix %s)", hrp);
    else if (dlen != 32)
        rc = pqs_error_set(PQS_E_DECODE, "an age identity holds 32 bytes, not %zu", dlen);
    else
        rc = identity_from_key(id, type, data);
    pqs_wipe(data, dlen);
    free(data);
    free(hrp);
    return rc;
}

static int identity_scrypt(pqs_age_identity **out, unsigned max_log2_n)
{
    if (max_log2_n > 30)
        return PQS_E_INVALID_ARG;
    pqs_age_identity *id = calloc(1, sizeof *id);
    if (id == NULL)
        return PQS_E_NOMEM;
    id->type = PQS_AGE_SCRYPT;
    id->max_log2_n = max_log2_n ? max_log2_n : AGE_SCRYPT_MAX_LOG2N;
    *out = id;
    return PQS_OK;
}

int pqs_age_identity_passphrase(pqs_age_identity **id, const char *pass, size_t len,
                                unsigned max_log2_n)
{
    if (id == NULL || pass == NULL)
        return PQS_E_INVALID_ARG;
    int rc = identity_scrypt(id, max_log2_n);
    if (rc != PQS_OK)
        return rc;
    if (((*id)->pass = malloc(len + 1)) == NULL) {
        free(*id);
        *id = NULL;
        return PQS_E_NOMEM;
    }
    memcpy((*id)->pass, pass, len);
    (*id)->pass[len] = '\0';
    (*id)->pass_len = len;
    return PQS_OK;
}

int pqs_age_identity_passphrase_cb(pqs_age_identity **id, pqs_age_passphrase_cb cb, void *ctx,
                                   unsigned max_log2_n)
{
    if (id == NULL || cb == NULL)
        return PQS_E_INVALID_ARG;
    int rc = identity_scrypt(id, max_log2_n);
    if (rc == PQS_OK) {
        (*id)->cb = cb;
        (*id)->cb_ctx = ctx;
    }
    return rc;
}

int pqs_age_identity_encode(const pqs_age_identity *id, char **out)
{
    if (id == NULL || out == NULL || id->type == PQS_AGE_SCRYPT)
        return PQS_E_INVALID_ARG;
    return age_bech32_encode(out, id->type == PQS_AGE_X25519 ? HRP_ID_X25519 : HRP_ID_PQ, id->key,
                             32, 1);
}

int pqs_age_identity_to_recipient(pqs_age_recipient **r, const pqs_age_identity *id)
{
    if (r == NULL || id == NULL || id->type == PQS_AGE_SCRYPT)
        return PQS_E_INVALID_ARG;
    pqs_age_recipient *rc_r = calloc(1, sizeof *rc_r);
    if (rc_r == NULL)
        return PQS_E_NOMEM;
    rc_r->type = id->type;
    int rc;
    if (id->type == PQS_AGE_X25519) {
        rc_r->pk_len = 32;
        memcpy(rc_r->pk, id->x25519_pk, 32);
        rc = PQS_OK;
    } else {
        rc_r->pk_len = AGE_XWING_PK_BYTES;
        rc = age_mlkem_public(rc_r->pk, id->key);
    }
    if (rc != PQS_OK) {
        free(rc_r);
        return rc;
    }
    *r = rc_r;
    return PQS_OK;
}

int pqs_age_identity_type(const pqs_age_identity *id)
{
    return id ? id->type : 0;
}

void pqs_age_identity_free(pqs_age_identity *id)
{
    if (id == NULL)
        return;
    if (id->pass != NULL) {
        pqs_wipe(id->pass, id->pass_len);
        free(id->pass);
    }
    pqs_wipe(id, sizeof *id);
    free(id);
}

void pqs_age_identities_free(pqs_age_identity **ids, size_t n)
{
    if (ids == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        pqs_age_identity_free(ids[i]);
    free(ids);
}

int pqs_age_recipient_parse(pqs_age_recipient **r, const char *s, size_t len)
{
    if (r == NULL || s == NULL)
        return PQS_E_INVALID_ARG;
    char *hrp = NULL;
    uint8_t *data = NULL;
    size_t dlen = 0;
    int rc = age_bech32_decode(&hrp, &data, &dlen, s, len);
    if (rc != PQS_OK)
        return rc;
    int type = strcmp(hrp, HRP_PQ) == 0 ? PQS_AGE_MLKEM768X25519
               : strcmp(hrp, HRP_X25519) == 0 ? PQS_AGE_X25519 : 0;
    size_t want = type == PQS_AGE_X25519 ? 32 : AGE_XWING_PK_BYTES;
    pqs_age_recipient *out = NULL;
    if (type == 0)
        rc = pqs_error_set(PQS_E_DECODE, "not an age recipient (prefix %s)", hrp);
    else if (dlen != want)
        rc = pqs_error_set(PQS_E_DECODE, "an %s recipient holds %zu bytes, not %zu", hrp, want, dlen);
    else if ((out = calloc(1, sizeof *out)) == NULL)
        rc = PQS_E_NOMEM;
    if (rc == PQS_OK) {
        out->type = type;
        out->pk_len = dlen;
        memcpy(out->pk, data, dlen);
        *r = out;
    }
    free(data);
    free(hrp);
    return rc;
}

int pqs_age_recipient_passphrase(pqs_age_recipient **r, const char *pass, size_t len,
                                 unsigned log2_n)
{
    if (r == NULL || pass == NULL || len == 0 || log2_n > 30)
        return PQS_E_INVALID_ARG;
    pqs_age_recipient *out = calloc(1, sizeof *out);
    if (out == NULL || (out->pass = malloc(len + 1)) == NULL) {
        free(out);
        return PQS_E_NOMEM;
    }
    out->type = PQS_AGE_SCRYPT;
    memcpy(out->pass, pass, len);
    out->pass[len] = '\0';
    out->pass_len = len;
    out->log2_n = log2_n ? log2_n : AGE_SCRYPT_DEFAULT_LOG2N;
    *r = out;
    return PQS_OK;
}

int pqs_age_recipient_encode(const pqs_age_recipient *r, char **out)
{
    if (r == NULL || out == NULL || r->type == PQS_AGE_SCRYPT)
        return PQS_E_INVALID_ARG;
    return age_bech32_encode(out, r->type == PQS_AGE_X25519 ? HRP_X25519 : HRP_PQ, r->pk,
                             r->pk_len, 0);
}

int pqs_age_recipient_type(const pqs_age_recipient *r)
{
    return r ? r->type : 0;
}

void pqs_age_recipient_free(pqs_age_recipient *r)
{
    if (r == NULL)
        return;
    if (r->pass != NULL) {
        pqs_wipe(r->pass, r->pass_len);
        free(r->pass);
    }
    pqs_wipe(r, sizeof *r);
    free(r);
}

void pqs_age_recipients_free(pqs_age_recipient **rs, size_t n)
{
    if (rs == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        pqs_age_recipient_free(rs[i]);
    free(rs);
}

void pqs_age_string_free(char *s)
{
    if (s == NULL)
        return;
    pqs_wipe(s, strlen(s));
    free(s);
}

static int unwrap_one(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id)
{
    switch (id->type) {
    case PQS_AGE_X25519: return age_x25519_unwrap(fk, st, id);
    case PQS_AGE_MLKEM768X25519: return age_mlkem_unwrap(fk, st, id);
    case PQS_AGE_SCRYPT: return age_scrypt_unwrap(fk, st, id);
    default: return AGE_NOT_MINE;
    }
}

int age_unwrap_file_key(uint8_t fk[16], const age_header *h, const pqs_age_identity *const *ids,
                        size_t n, int *failure)
{
    /* "An scrypt stanza, if present, MUST be the only stanza in the header." */
    for (size_t i = 0; i < h->n; i++) {
        if (strcmp(h->st[i].args[0], "scrypt") == 0 && h->n != 1) {
            *failure = PQS_AGE_FAIL_HEADER;
            return pqs_error_set(PQS_E_DECODE, "an scrypt stanza must be alone in the header");
        }
    }
    int tried_passphrase = 0;
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < h->n; i++) {
            int rc = unwrap_one(fk, &h->st[i], ids[k]);
            if (rc == PQS_OK)
                return PQS_OK;
            tried_passphrase |=
                ids[k]->type == PQS_AGE_SCRYPT && strcmp(h->st[i].args[0], "scrypt") == 0;
            if (rc == AGE_NOT_MINE)
                continue;
            *failure = rc == PQS_E_DECODE ? PQS_AGE_FAIL_HEADER : PQS_AGE_FAIL_OTHER;
            return rc;
        }
    }
    *failure = PQS_AGE_FAIL_NO_MATCH;
    if (tried_passphrase)
        return pqs_error_set(PQS_E_VERIFY, "wrong passphrase, or the file was altered");
    return pqs_error_set(PQS_E_VERIFY, "no identity matches any recipient of the file");
}
