/* libFuzzer target: opening age files (armor, header, stanzas of every recipient type,
 * STREAM payload) with the identities of the C2SP CCTV vectors, and the key parsers
 * (one key, and identity and recipients files).
 * The first byte picks the armor mode and the thread count. Anything that opens must
 * seal again and open back to the same plaintext; failures must carry a kind. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pqs_age_identity *g_ids[AGE_FUZZ_IDS];
static pqs_age_recipient *g_rcpt;

static void setup(void)
{
    if (g_rcpt != NULL)
        return;
    age_fuzz_identities(g_ids);
    if (pqs_age_identity_to_recipient(&g_rcpt, g_ids[0]) != 0)
        abort();
}

static void parse_keys(const uint8_t *data, size_t size)
{
    pqs_age_identity *id = NULL;
    pqs_age_recipient *r = NULL;
    char *s = NULL;
    if (pqs_age_identity_parse(&id, (const char *)data, size) == 0) {
        if (pqs_age_identity_encode(id, &s) != 0)
            abort();
        pqs_age_string_free(s);
        pqs_age_identity_free(id);
    }
    if (pqs_age_recipient_parse(&r, (const char *)data, size) == 0) {
        if (pqs_age_recipient_encode(r, &s) != 0)
            abort();
        pqs_age_string_free(s);
        pqs_age_recipient_free(r);
    }
}

/* The input as an identity file and as a recipients file: what loads must hold at least
 * one key, and every key must encode again. */
static void load_key_files(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = age_fuzz_file(data, size, path, sizeof path);
    pqs_age_identity **ids = NULL;
    pqs_age_recipient **rs = NULL;
    size_t n = 0;
    char *s = NULL;
    if (pqs_age_identity_load(&ids, &n, path) == 0) {
        if (n == 0)
            abort();
        for (size_t i = 0; i < n; i++) {
            if (pqs_age_identity_encode(ids[i], &s) != 0)
                abort();
            pqs_age_string_free(s);
        }
        pqs_age_identities_free(ids, n);
    }
    n = 0;
    if (pqs_age_recipient_load(&rs, &n, path) == 0) {
        if (n == 0)
            abort();
        for (size_t i = 0; i < n; i++) {
            if (pqs_age_recipient_encode(rs[i], &s) != 0)
                abort();
            pqs_age_string_free(s);
        }
        pqs_age_recipients_free(rs, n);
    }
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size < 1)
        return 0;
    parse_keys(data + 1, size - 1);
    load_key_files(data + 1, size - 1);
    pqs_age_options o = {.armor = data[0] % 3, .threads = 1 + (data[0] >> 7)};
    uint8_t *pt = NULL, *ct = NULL, *back = NULL;
    size_t pt_len = 0, ct_len = 0, back_len = 0;
    int failure = -1;
    int rc = pqs_age_decrypt_mem(&pt, &pt_len, data + 1, size - 1,
                                 (const pqs_age_identity *const *)g_ids, AGE_FUZZ_IDS, &o,
                                 &failure);
    if ((rc == 0) != (failure == PQS_AGE_OK) || failure < 0 || failure > PQS_AGE_FAIL_OTHER)
        abort();
    if (rc == 0) {
        const pqs_age_recipient *rs[1] = {g_rcpt};
        pqs_age_options so = {.armor = PQS_AGE_ARMOR_NO, .threads = 1};
        if (pqs_age_encrypt_mem(&ct, &ct_len, pt, pt_len, rs, 1, &so) != 0 ||
            pqs_age_decrypt_mem(&back, &back_len, ct, ct_len,
                                (const pqs_age_identity *const *)g_ids, 1, &so, &failure) != 0 ||
            back_len != pt_len || memcmp(back, pt, pt_len) != 0)
            abort();
    }
    pqs_age_buffer_free(back, back_len);
    pqs_age_buffer_free(ct, ct_len);
    pqs_age_buffer_free(pt, pt_len);
    return 0;
}
