/* Opening (c2sp.org/age): armor detection, header parse, file key unwrap, header MAC
 * check, payload nonce, then the STREAM payload. Each stage fails with its own kind, in
 * the order of the CCTV vectors: armor, header, no match, HMAC, payload. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "age_impl.h"
#include "core/error.h"

#define ARMOR_SNIFF 1100   /* leading whitespace the armor allows, and a little more */

int age_open_header(uint8_t key[32], age_src *in, const pqs_age_identity *const *ids, size_t n,
                    int *failure)
{
    age_header h;
    uint8_t fk[AGE_FILE_KEY_BYTES], mac[AGE_MAC_BYTES], nonce[AGE_NONCE_BYTES];
    int rc = age_header_parse(&h, in, failure);
    if (rc != PQS_OK)
        return rc;
    rc = age_unwrap_file_key(fk, &h, ids, n, failure);
    if (rc == PQS_OK)
        rc = age_header_mac(mac, fk, h.raw, h.raw_len);
    if (rc == PQS_OK && CRYPTO_memcmp(mac, h.mac, sizeof mac) != 0) {
        *failure = PQS_AGE_FAIL_HMAC;
        rc = pqs_error_set(PQS_E_VERIFY, "the header MAC does not verify: the header was altered");
    }
    age_header_free(&h);
    size_t got = 0;
    if (rc == PQS_OK && (rc = age_src_read(in, nonce, sizeof nonce, &got)) != PQS_OK)
        *failure = in->fail ? in->fail : PQS_AGE_FAIL_IO;
    if (rc == PQS_OK && got != sizeof nonce) {
        /* A header failure by the spec's test vectors (CCTV stream_no_nonce), so
         * PQS_E_DECODE as age.h promises for those. */
        *failure = PQS_AGE_FAIL_HEADER;
        rc = pqs_error_set(PQS_E_DECODE, "the payload nonce is missing: the file is truncated");
    }
    if (rc == PQS_OK)
        rc = age_payload_key(key, fk, nonce);
    pqs_wipe(fk, sizeof fk);
    if (rc != PQS_OK && *failure == PQS_AGE_OK)
        *failure = PQS_AGE_FAIL_OTHER;
    return rc;
}

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Binary age files start with "age-encryption.org/"; armored ones, after optional
 * whitespace, with "-----". Anything else is parsed as binary and fails there. */
int age_sniff_armor(age_src *in, int *armor)
{
    const uint8_t *p;
    size_t avail = 0;
    int rc = age_src_peek(in, ARMOR_SNIFF, &p, &avail);
    if (rc != PQS_OK)
        return rc;
    size_t i = 0;
    while (i < avail && is_space(p[i]))
        i++;
    *armor = i < avail && p[i] == '-';
    return PQS_OK;
}

int age_decrypt(age_sink *out, age_src *in, const pqs_age_identity *const *ids, size_t n,
                const pqs_age_options *o, int *failure)
{
    *failure = PQS_AGE_OK;
    if (ids == NULL && n > 0) {
        *failure = PQS_AGE_FAIL_OTHER;
        return PQS_E_INVALID_ARG;
    }
    int mode = o != NULL ? o->armor : PQS_AGE_ARMOR_AUTO, armor = mode == PQS_AGE_ARMOR_YES;
    int rc = PQS_OK;
    if (mode == PQS_AGE_ARMOR_AUTO && (rc = age_sniff_armor(in, &armor)) != PQS_OK) {
        *failure = PQS_AGE_FAIL_IO;
        return rc;
    }
    age_armor_in actx = {in, 0, {0}, 0, 0};
    age_src arm;
    if (armor) {
        if ((rc = age_src_init(&arm, age_raw_armor, &actx, 2 * AGE_CT_CHUNK_BYTES)) != PQS_OK) {
            *failure = PQS_AGE_FAIL_OTHER;
            return rc;
        }
        in = &arm;
    }
    uint8_t key[32];
    rc = age_open_header(key, in, ids, n, failure);
    if (rc == PQS_OK)
        rc = age_stream_decrypt(out, in, key, o, failure);
    pqs_wipe(key, sizeof key);
    if (armor)
        age_src_free(&arm);
    return rc;
}

int pqs_age_decrypt_fd(int out_fd, int in_fd, const pqs_age_identity *const *ids, size_t n,
                       const pqs_age_options *opts, int *failure)
{
    int dummy;
    failure = failure ? failure : &dummy;
    pqs_error_clear();
    age_src in;
    age_fd_out fo;
    age_fd_out_init(&fo, out_fd, opts != NULL && opts->write_back);
    age_sink out = {age_sink_fd, &fo};
    int rc = age_src_init(&in, age_raw_fd, &in_fd, 2 * AGE_CT_CHUNK_BYTES);
    if (rc == PQS_OK)
        rc = age_decrypt(&out, &in, ids, n, opts, failure);
    else
        *failure = PQS_AGE_FAIL_OTHER;
    int flushed = age_fd_out_finish(&fo);
    if (rc == PQS_OK && flushed != PQS_OK) {
        rc = flushed;
        *failure = PQS_AGE_FAIL_IO;
    }
    age_src_free(&in);
    return rc;
}

int pqs_age_decrypt_mem(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len,
                        const pqs_age_identity *const *ids, size_t n, const pqs_age_options *opts,
                        int *failure)
{
    int dummy;
    failure = failure ? failure : &dummy;
    *failure = PQS_AGE_FAIL_OTHER;
    if (out == NULL || out_len == NULL || (in == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    *out = NULL;
    *out_len = 0;
    pqs_error_clear();
    age_mem_in mi = {in, len, 0};
    age_mem_out mo = {0};
    age_src src;
    age_sink sink = {age_sink_mem, &mo};
    int rc = age_src_init(&src, age_raw_mem, &mi, 2 * AGE_CT_CHUNK_BYTES);
    if (rc == PQS_OK)
        rc = age_decrypt(&sink, &src, ids, n, opts, failure);
    age_src_free(&src);
    if (rc == PQS_OK || *failure == PQS_AGE_FAIL_PAYLOAD) {
        uint8_t *p = mo.p ? mo.p : calloc(1, 1);
        if (p == NULL)
            return PQS_E_NOMEM;
        *out = p;
        *out_len = mo.len;
        return rc;
    }
    age_mem_out_free(&mo);
    return rc;
}
