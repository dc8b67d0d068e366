/* The scrypt passphrase recipient type (c2sp.org/age "The scrypt recipient type"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

#define SCRYPT_LABEL "age-encryption.org/v1/scrypt"
#define SCRYPT_SALT_BYTES 16
#define MAX_PASSPHRASE 4096

static const uint8_t k_zero_nonce[12] = {0};

/* wrap key = scrypt(N = 2^log2_n, r = 8, p = 1, dkLen = 32, S = label || salt, P). */
static int wrap_key(uint8_t key[32], const char *pass, size_t pass_len,
                    const uint8_t salt[SCRYPT_SALT_BYTES], unsigned log2_n)
{
    uint8_t s[sizeof SCRYPT_LABEL - 1 + SCRYPT_SALT_BYTES];
    memcpy(s, SCRYPT_LABEL, sizeof SCRYPT_LABEL - 1);
    memcpy(s + sizeof SCRYPT_LABEL - 1, salt, SCRYPT_SALT_BYTES);
    return age_scrypt(key, pass, pass_len, s, sizeof s, log2_n);
}

int age_scrypt_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16])
{
    uint8_t salt[SCRYPT_SALT_BYTES], key[32], body[32];
    char salt_b64[32], wf[8];
    int rc = pqs_randombytes(salt, sizeof salt);
    if (rc == PQS_OK)
        rc = wrap_key(key, r->pass, r->pass_len, salt, r->log2_n);
    if (rc == PQS_OK)
        rc = age_aead_seal(body, key, k_zero_nonce, fk, 16);
    if (rc == PQS_OK) {
        age_b64_encode(salt_b64, salt, sizeof salt, 0);
        snprintf(wf, sizeof wf, "%u", r->log2_n);
        const char *args[3] = {"scrypt", salt_b64, wf};
        rc = age_stanza_make(st, args, 3, body, sizeof body);
    }
    pqs_wipe(key, sizeof key);
    return rc;
}

/* The work factor: decimal without leading zeros, %x31-39 *DIGIT, at most max. */
static int parse_work_factor(unsigned *log2_n, const char *s, unsigned max)
{
    size_t len = strlen(s);
    if (len == 0 || len > 2 || s[0] < '1' || s[0] > '9')
        return pqs_error_set(PQS_E_DECODE, "malformed scrypt work factor");
    unsigned v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return pqs_error_set(PQS_E_DECODE, "malformed scrypt work factor");
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (v > max)
        return pqs_error_set(PQS_E_DECODE, "scrypt work factor 2^%u is above the limit 2^%u", v,
                             max);
    *log2_n = v;
    return PQS_OK;
}

int age_scrypt_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id)
{
    if (strcmp(st->args[0], "scrypt") != 0)
        return AGE_NOT_MINE;
    if (st->nargs != 3)
        return pqs_error_set(PQS_E_DECODE, "an scrypt stanza must have exactly 3 arguments");
    uint8_t salt[SCRYPT_SALT_BYTES], key[32];
    unsigned log2_n = 0;
    int rc = age_arg_b64(salt, sizeof salt, st->args[1], "the scrypt salt");
    if (rc == PQS_OK)
        rc = parse_work_factor(&log2_n, st->args[2], id->max_log2_n);
    if (rc == PQS_OK && st->body_len != 32)
        rc = pqs_error_set(PQS_E_DECODE, "the scrypt stanza body is not 32 bytes");
    if (rc != PQS_OK)
        return rc;
    char *pass = id->pass;
    size_t pass_len = id->pass_len;
    if (pass == NULL) {
        /* Ask for the passphrase only now that a file needs it. */
        if ((pass = malloc(MAX_PASSPHRASE)) == NULL)
            return PQS_E_NOMEM;
        rc = id->cb(id->cb_ctx, pass, MAX_PASSPHRASE, &pass_len);
        if (rc == PQS_OK && pass_len > MAX_PASSPHRASE)
            rc = PQS_E_INVALID_ARG;
    }
    if (rc == PQS_OK)
        rc = wrap_key(key, pass, pass_len, salt, log2_n);
    if (rc == PQS_OK && age_aead_open(fk, key, k_zero_nonce, st->body, st->body_len) != PQS_OK)
        rc = AGE_NOT_MINE;
    if (pass != id->pass) {
        pqs_wipe(pass, MAX_PASSPHRASE);
        free(pass);
    }
    pqs_wipe(key, sizeof key);
    return rc;
}
