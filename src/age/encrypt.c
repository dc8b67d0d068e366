/* Sealing (c2sp.org/age "Encrypted file format"): a fresh 16-byte file key wrapped for
 * every recipient, the header with its MAC, a fresh 16-byte nonce, then the STREAM
 * payload; optionally inside the ASCII armor. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

static int check_recipients(const pqs_age_recipient *const *rs, size_t n)
{
    if (rs == NULL || n == 0)
        return pqs_error_set(PQS_E_INVALID_ARG, "no recipient");
    size_t pq = 0, scrypt = 0;
    for (size_t i = 0; i < n; i++) {
        if (rs[i] == NULL)
            return PQS_E_INVALID_ARG;
        pq += rs[i]->type == PQS_AGE_MLKEM768X25519;
        scrypt += rs[i]->type == PQS_AGE_SCRYPT;
    }
    /* "An scrypt stanza, if present, MUST be the only stanza in the header." */
    if (scrypt > 0 && n != 1)
        return pqs_error_set(PQS_E_INVALID_ARG, "a passphrase cannot be combined with recipients");
    /* "the same file SHOULD NOT be encrypted to both this recipient type and to other
     * non-quantum-resistant recipient types": it would lose the quantum resistance. */
    if (pq > 0 && pq != n)
        return pqs_error_set(PQS_E_INVALID_ARG, "post-quantum (age1pq1) recipients cannot be "
                                                "mixed with classic ones: the file would not be "
                                                "quantum-safe");
    return PQS_OK;
}

static int wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16])
{
    switch (r->type) {
    case PQS_AGE_X25519: return age_x25519_wrap(st, r, fk);
    case PQS_AGE_MLKEM768X25519: return age_mlkem_wrap(st, r, fk);
    case PQS_AGE_SCRYPT: return age_scrypt_wrap(st, r, fk);
    default: return PQS_E_INVALID_ARG;
    }
}

/* The header and nonce, and the payload key. */
static int write_head(age_sink *out, uint8_t key[32], const pqs_age_recipient *const *rs, size_t n)
{
    uint8_t fk[AGE_FILE_KEY_BYTES], nonce[AGE_NONCE_BYTES];
    age_stanza *st = calloc(n, sizeof *st);
    uint8_t *hdr = NULL;
    size_t hdr_len = 0;
    int rc = st ? pqs_randombytes(fk, sizeof fk) : PQS_E_NOMEM;
    for (size_t i = 0; i < n && rc == PQS_OK; i++)
        rc = wrap(&st[i], rs[i], fk);
    if (rc == PQS_OK)
        rc = age_header_write(&hdr, &hdr_len, st, n, fk);
    if (rc == PQS_OK)
        rc = pqs_randombytes(nonce, sizeof nonce);
    if (rc == PQS_OK)
        rc = age_payload_key(key, fk, nonce);
    if (rc == PQS_OK)
        rc = out->write(out->ctx, hdr, hdr_len);
    if (rc == PQS_OK)
        rc = out->write(out->ctx, nonce, sizeof nonce);
    for (size_t i = 0; st != NULL && i < n; i++)
        age_stanza_free(&st[i]);
    free(st);
    free(hdr);
    pqs_wipe(fk, sizeof fk);
    return rc;
}

int age_encrypt(age_sink *out, age_src *in, const pqs_age_recipient *const *rs, size_t n,
                const pqs_age_options *o)
{
    int rc = check_recipients(rs, n);
    if (rc != PQS_OK)
        return rc;
    age_armor_out arm;
    age_sink armored = {age_sink_armor, &arm};
    int armor = o != NULL && o->armor == PQS_AGE_ARMOR_YES;
    if (armor) {
        if ((rc = age_armor_out_init(&arm, out)) != PQS_OK)
            return rc;
        out = &armored;
    }
    uint8_t key[32];
    rc = write_head(out, key, rs, n);
    if (rc == PQS_OK)
        rc = age_stream_encrypt(out, in, key, o);
    if (rc == PQS_OK && armor)
        rc = age_armor_out_finish(&arm);
    if (armor)
        age_armor_out_free(&arm);
    pqs_wipe(key, sizeof key);
    return rc;
}

int pqs_age_encrypt_fd(int out_fd, int in_fd, const pqs_age_recipient *const *rs, size_t n,
                       const pqs_age_options *opts)
{
    pqs_error_clear();
    age_src in;
    age_fd_out fo;
    age_fd_out_init(&fo, out_fd, opts != NULL && opts->write_back);
    age_sink out = {age_sink_fd, &fo};
    int rc = age_src_init(&in, age_raw_fd, &in_fd, 2 * AGE_CT_CHUNK_BYTES);
    if (rc == PQS_OK)
        rc = age_encrypt(&out, &in, rs, n, opts);
    int flushed = age_fd_out_finish(&fo);
    age_src_free(&in);
    return rc == PQS_OK ? flushed : rc;
}

int pqs_age_encrypt_mem(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len,
                        const pqs_age_recipient *const *rs, size_t n, const pqs_age_options *opts)
{
    if (out == NULL || out_len == NULL || (in == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    pqs_error_clear();
    age_mem_in mi = {in, len, 0};
    age_mem_out mo = {0};
    age_src src;
    age_sink sink = {age_sink_mem, &mo};
    int rc = age_src_init(&src, age_raw_mem, &mi, 2 * AGE_CT_CHUNK_BYTES);
    if (rc == PQS_OK)
        rc = age_encrypt(&sink, &src, rs, n, opts);
    age_src_free(&src);
    if (rc != PQS_OK) {
        age_mem_out_free(&mo);
        return rc;
    }
    *out = mo.p ? mo.p : calloc(1, 1);
    *out_len = mo.len;
    return *out ? PQS_OK : PQS_E_NOMEM;
}

void pqs_age_buffer_free(uint8_t *buf, size_t len)
{
    if (buf == NULL)
        return;
    pqs_wipe(buf, len);
    free(buf);
}
