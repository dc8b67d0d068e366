/* The X25519 recipient type (c2sp.org/age "The X25519 recipient type"). */
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

#define X25519_INFO "age-encryption.org/v1/X25519"

static const uint8_t k_zero_nonce[12] = {0};

/* wrap key = HKDF-SHA-256(ikm = shared secret, salt = share || recipient, info). */
static int wrap_key(uint8_t key[32], const uint8_t shared[32], const uint8_t share[32],
                    const uint8_t recipient[32])
{
    uint8_t salt[64];
    memcpy(salt, share, 32);
    memcpy(salt + 32, recipient, 32);
    return age_hkdf(key, shared, 32, salt, sizeof salt, X25519_INFO);
}

int age_x25519_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16])
{
    uint8_t eph[32], share[32], shared[32], key[32], body[32];
    char share_b64[48];
    int rc = pqs_randombytes(eph, sizeof eph);
    if (rc == PQS_OK)
        rc = age_x25519_base(share, eph);
    if (rc == PQS_OK && age_x25519_dh(shared, eph, share, r->pk) != PQS_OK)
        rc = pqs_error_set(PQS_E_INVALID_KEY, "the X25519 recipient is a low-order point");
    if (rc == PQS_OK)
        rc = wrap_key(key, shared, share, r->pk);
    if (rc == PQS_OK)
        rc = age_aead_seal(body, key, k_zero_nonce, fk, 16);
    if (rc == PQS_OK) {
        age_b64_encode(share_b64, share, sizeof share, 0);
        const char *args[2] = {"X25519", share_b64};
        rc = age_stanza_make(st, args, 2, body, sizeof body);
    }
    pqs_wipe(eph, sizeof eph);
    pqs_wipe(shared, sizeof shared);
    pqs_wipe(key, sizeof key);
    return rc;
}

int age_x25519_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id)
{
    if (strcmp(st->args[0], "X25519") != 0)
        return AGE_NOT_MINE;
    if (st->nargs != 2)
        return pqs_error_set(PQS_E_DECODE, "an X25519 stanza must have exactly 2 arguments");
    uint8_t share[32], shared[32], key[32];
    int rc = age_arg_b64(share, 32, st->args[1], "the X25519 share");
    /* "MUST check that the body length is exactly 32 bytes before attempting to decrypt". */
    if (rc == PQS_OK && st->body_len != 32)
        rc = pqs_error_set(PQS_E_DECODE, "the X25519 stanza body is not 32 bytes");
    if (rc == PQS_OK)   /* all-zero: PQS_E_DECODE, abort */
        rc = age_x25519_dh(shared, id->key, id->x25519_pk, share);
    if (rc == PQS_OK)
        rc = wrap_key(key, shared, share, id->x25519_pk);
    if (rc == PQS_OK && age_aead_open(fk, key, k_zero_nonce, st->body, st->body_len) != PQS_OK)
        rc = AGE_NOT_MINE;
    pqs_wipe(shared, sizeof shared);
    pqs_wipe(key, sizeof key);
    return rc;
}
