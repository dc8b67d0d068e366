/* The mlkem768x25519 hybrid post-quantum recipient type (c2sp.org/age "The
 * MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum recipient type"): the file key is
 * sealed with HPKE base mode (RFC 9180 §5.1, §6.1) with the KEM MLKEM768-X25519
 * (filippo.io/hpke-pq, KEM id 0x647a = X-Wing), HKDF-SHA256 (KDF id 0x0001) and
 * ChaCha20Poly1305 (AEAD id 0x0003), info "age-encryption.org/mlkem768x25519", aad "". */
#include <string.h>

#include "age_impl.h"
#include "core/error.h"
#include "hash/fips202.h"
#include "hybrid/xwing.h"

#define MLKEM_STANZA "mlkem768x25519"
#define HPKE_INFO "age-encryption.org/mlkem768x25519"

/* suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2). */
static const uint8_t k_suite[10] = {'H', 'P', 'K', 'E', 0x64, 0x7a, 0x00, 0x01, 0x00, 0x03};

/* RFC 9180 §4: LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1"||suite||label||ikm). */
static int labeled_extract(uint8_t prk[32], const uint8_t *salt, size_t salt_len,
                           const char *label, const uint8_t *ikm, size_t ikm_len)
{
    uint8_t buf[7 + sizeof k_suite + 32 + 64];
    size_t ll = strlen(label), n = 0;
    if (ll > 32 || ikm_len > 64)
        return PQS_E_INTERNAL;
    memcpy(buf, "HPKE-v1", 7);
    n = 7;
    memcpy(buf + n, k_suite, sizeof k_suite);
    n += sizeof k_suite;
    memcpy(buf + n, label, ll);
    n += ll;
    if (ikm_len > 0)
        memcpy(buf + n, ikm, ikm_len);
    n += ikm_len;
    int rc = age_hkdf_extract(prk, salt, salt_len, buf, n);
    pqs_wipe(buf, sizeof buf);
    return rc;
}

/* LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L,2)||"HPKE-v1"||suite||label||info, L). */
static int labeled_expand(uint8_t *out, size_t len, const uint8_t prk[32], const char *label,
                          const uint8_t *info, size_t info_len)
{
    uint8_t buf[2 + 7 + sizeof k_suite + 32 + 65];
    size_t ll = strlen(label), n = 0;
    if (ll > 32 || info_len > 65)
        return PQS_E_INTERNAL;
    buf[n++] = (uint8_t)(len >> 8);
    buf[n++] = (uint8_t)len;
    memcpy(buf + n, "HPKE-v1", 7);
    n += 7;
    memcpy(buf + n, k_suite, sizeof k_suite);
    n += sizeof k_suite;
    memcpy(buf + n, label, ll);
    n += ll;
    memcpy(buf + n, info, info_len);
    n += info_len;
    return age_hkdf_expand(out, len, prk, buf, n);
}

/* RFC 9180 §5.1 KeySchedule for mode_base (psk and psk_id empty): the AEAD key and the
 * base nonce, which is the nonce of the first (and only) message, sequence number 0. */
static int key_schedule(uint8_t key[32], uint8_t nonce[12], const uint8_t ss[32])
{
    uint8_t ctx[1 + 32 + 32], secret[32];
    ctx[0] = 0x00;   /* mode_base */
    int rc = labeled_extract(ctx + 1, NULL, 0, "psk_id_hash", NULL, 0);
    if (rc == PQS_OK)
        rc = labeled_extract(ctx + 33, NULL, 0, "info_hash", (const uint8_t *)HPKE_INFO,
                             strlen(HPKE_INFO));
    if (rc == PQS_OK)
        rc = labeled_extract(secret, ss, 32, "secret", NULL, 0);
    if (rc == PQS_OK)
        rc = labeled_expand(key, 32, secret, "key", ctx, sizeof ctx);
    if (rc == PQS_OK)
        rc = labeled_expand(nonce, 12, secret, "base_nonce", ctx, sizeof ctx);
    pqs_wipe(secret, sizeof secret);
    return rc;
}

int age_mlkem_public(uint8_t pk[AGE_XWING_PK_BYTES], const uint8_t seed[32])
{
    uint8_t sk[PQS_XWING_SK_BYTES];
    int rc = pqs_xwing_keypair_derand(pk, sk, seed);
    pqs_wipe(sk, sizeof sk);
    return rc;
}

/* filippo.io/hpke-pq expandKey: SHAKE256(seed, 96) = ML-KEM seed (64) || X25519 key (32). */
int age_mlkem_x25519_part(uint8_t sk[32], const uint8_t seed[32])
{
    uint8_t full[96];
    pqs_shake256(full, sizeof full, seed, 32);
    memcpy(sk, full + 64, 32);
    pqs_wipe(full, sizeof full);
    return PQS_OK;
}

int age_mlkem_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16])
{
    uint8_t eseed[PQS_XWING_ESEED_BYTES], enc[PQS_XWING_CT_BYTES], ss[32], key[32], nonce[12];
    uint8_t body[32];
    char enc_b64[1500];
    int rc = pqs_randombytes(eseed, sizeof eseed);
    if (rc == PQS_OK && pqs_xwing_encaps_derand(enc, ss, r->pk, eseed) != PQS_OK)
        rc = pqs_error_set(PQS_E_INVALID_KEY, "the mlkem768x25519 recipient is not a valid key");
    if (rc == PQS_OK)
        rc = key_schedule(key, nonce, ss);
    if (rc == PQS_OK)
        rc = age_aead_seal(body, key, nonce, fk, 16);
    if (rc == PQS_OK) {
        age_b64_encode(enc_b64, enc, sizeof enc, 0);
        const char *args[2] = {MLKEM_STANZA, enc_b64};
        rc = age_stanza_make(st, args, 2, body, sizeof body);
    }
    pqs_wipe(eseed, sizeof eseed);
    pqs_wipe(ss, sizeof ss);
    pqs_wipe(key, sizeof key);
    return rc;
}

int age_mlkem_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id)
{
    if (strcmp(st->args[0], MLKEM_STANZA) != 0)
        return AGE_NOT_MINE;
    if (st->nargs != 2)
        return pqs_error_set(PQS_E_DECODE, "an mlkem768x25519 stanza must have exactly 2 arguments");
    uint8_t ct[PQS_XWING_CT_BYTES], ss[32], key[32], nonce[12];
    int x_zero = 0;
    int rc = age_arg_b64(ct, sizeof ct, st->args[1], "the mlkem768x25519 enc");
    if (rc == PQS_OK && st->body_len != 32)
        rc = pqs_error_set(PQS_E_DECODE, "the mlkem768x25519 stanza body is not 32 bytes");
    if (rc == PQS_OK && pqs_xwing_decaps_ex(ss, ct, id->key, id->x25519_pk, &x_zero) != PQS_OK)
        rc = pqs_error_set(PQS_E_DECODE, "mlkem768x25519 decapsulation failed");
    /* The X25519 half of enc must not be a low-order point: the all-zero shared secret is
     * refused as for X25519 stanzas (the reference implementation aborts there too). */
    if (rc == PQS_OK && x_zero)
        rc = pqs_error_set(PQS_E_DECODE, "X25519 share is a low-order point");
    if (rc == PQS_OK)
        rc = key_schedule(key, nonce, ss);
    if (rc == PQS_OK && age_aead_open(fk, key, nonce, st->body, st->body_len) != PQS_OK)
        rc = AGE_NOT_MINE;
    pqs_wipe(ss, sizeof ss);
    pqs_wipe(key, sizeof key);
    return rc;
}
