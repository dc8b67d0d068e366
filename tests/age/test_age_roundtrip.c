/* age round trips (every recipient type, several recipients, empty, 1 byte, exact 64 KiB
 * multiples, multi-MiB through the worker pool, armored or not) and tampering (truncated,
 * reordered, duplicated, flipped chunks; altered headers), each refused with the right
 * kind and releasing only authenticated plaintext. */
#include "age/age_impl.h"
#include "age_test_util.h"

#define CHUNK 65536
#define CT_CHUNK (CHUNK + 16)

static int open_mem(const uint8_t *ct, size_t ct_len, const pqs_age_identity *id, unsigned threads,
                    uint8_t **pt, size_t *pt_len, int *failure)
{
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_AUTO, .threads = threads};
    const pqs_age_identity *ids[1] = {id};
    return pqs_age_decrypt_mem(pt, pt_len, ct, ct_len, ids, 1, &o, failure);
}

static void roundtrip(int type, size_t len, int armor, unsigned threads)
{
    age_pair p = age_test_pair(type);
    uint8_t *pt = age_test_random(len), *out = NULL;
    size_t ct_len = 0, out_len = 0;
    pqs_age_options o = {.armor = armor ? PQS_AGE_ARMOR_YES : PQS_AGE_ARMOR_NO, .threads = threads};
    uint8_t *ct = NULL;
    const pqs_age_recipient *rs[1] = {p.r};
    int rc = pqs_age_encrypt_mem(&ct, &ct_len, pt, len, rs, 1, &o);
    CHECK(rc == 0, "seal type %d len %zu: %s", type, len, pqs_error_detail());
    int failure = -1;
    rc = open_mem(ct, ct_len, p.id, threads, &out, &out_len, &failure);
    CHECK(rc == 0 && failure == PQS_AGE_OK && out_len == len && memcmp(out, pt, len) == 0,
          "round trip type %d len %zu armor %d threads %u: %s", type, len, armor, threads,
          pqs_error_detail());
    if (!armor) {
        size_t chunks = len == 0 ? 1 : (len + CHUNK - 1) / CHUNK;
        CHECK(ct_len > len + 16 * chunks, "ciphertext size");
    }
    pqs_age_buffer_free(out, out_len);
    pqs_age_buffer_free(ct, ct_len);
    free(pt);
    age_test_pair_free(&p);
}

static void test_multi_recipient(int type)
{
    age_pair p[3] = {age_test_pair(type), age_test_pair(type), age_test_pair(type)};
    const pqs_age_recipient *rs[3] = {p[0].r, p[1].r, p[2].r};
    uint8_t *pt = age_test_random(100000), *ct = NULL;
    size_t ct_len = 0;
    CHECK(pqs_age_encrypt_mem(&ct, &ct_len, pt, 100000, rs, 3, NULL) == 0, "seal 3 recipients");
    for (int i = 0; i < 3; i++) {
        uint8_t *out = NULL;
        size_t out_len = 0;
        int failure = -1;
        int rc = open_mem(ct, ct_len, p[i].id, 0, &out, &out_len, &failure);
        CHECK(rc == 0 && out_len == 100000 && memcmp(out, pt, out_len) == 0,
              "recipient %d of 3 opens", i);
        pqs_age_buffer_free(out, out_len);
    }
    age_pair other = age_test_pair(type);
    uint8_t *out = NULL;
    size_t out_len = 0;
    int failure = -1;
    CHECK(open_mem(ct, ct_len, other.id, 0, &out, &out_len, &failure) == PQS_E_VERIFY &&
              failure == PQS_AGE_FAIL_NO_MATCH && out == NULL,
          "a stranger gets no match");
    age_test_pair_free(&other);
    for (int i = 0; i < 3; i++)
        age_test_pair_free(&p[i]);
    pqs_age_buffer_free(ct, ct_len);
    free(pt);
}

static void test_refused_mixes(void)
{
    age_pair pq = age_test_pair(PQS_AGE_MLKEM768X25519), x = age_test_pair(PQS_AGE_X25519);
    age_pair s = age_test_pair(PQS_AGE_SCRYPT);
    uint8_t *ct = NULL;
    size_t ct_len = 0;
    const pqs_age_recipient *mix[2] = {pq.r, x.r}, *pass[2] = {s.r, x.r};
    CHECK(pqs_age_encrypt_mem(&ct, &ct_len, (const uint8_t *)"x", 1, mix, 2, NULL) ==
              PQS_E_INVALID_ARG, "PQ mixed with X25519 is refused");
    CHECK(pqs_age_encrypt_mem(&ct, &ct_len, (const uint8_t *)"x", 1, pass, 2, NULL) ==
              PQS_E_INVALID_ARG, "scrypt with another recipient is refused");
    age_test_pair_free(&pq);
    age_test_pair_free(&x);
    age_test_pair_free(&s);
}

/* Open a tampered file: expect the failure kind and an authenticated prefix of pt. */
static void expect_tamper(const char *what, const uint8_t *ct, size_t ct_len,
                          const pqs_age_identity *id, const uint8_t *pt, int want_failure,
                          size_t max_prefix)
{
    for (unsigned threads = 1; threads <= 2; threads++) {
        uint8_t *out = NULL;
        size_t out_len = 0;
        int failure = -1;
        int rc = open_mem(ct, ct_len, id, threads, &out, &out_len, &failure);
        CHECK(rc != 0 && failure == want_failure, "%s: expected %s, got %s (%s)", what,
              pqs_age_failure_name(want_failure), pqs_age_failure_name(failure), pqs_error_detail());
        CHECK(out_len <= max_prefix && (out_len == 0 || memcmp(out, pt, out_len) == 0),
              "%s: released %zu bytes, not an authenticated prefix", what, out_len);
        pqs_age_buffer_free(out, out_len);
    }
}

static void test_tamper(void)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    size_t len = 4 * CHUNK + 100, ct_len = 0;
    uint8_t *pt = age_test_random(len);
    uint8_t *ct = age_test_seal(pt, len, p.r, 0, &ct_len);
    size_t off = age_test_payload_offset(ct, ct_len);
    CHECK(off > 0 && ct_len == off + 4 * CT_CHUNK + 116, "layout");
    uint8_t *t = malloc(ct_len + CT_CHUNK);

    /* Truncations: whole chunks, inside a chunk, inside the tag, inside the nonce. */
    expect_tamper("final chunk dropped", ct, off + 4 * CT_CHUNK, p.id, pt, PQS_AGE_FAIL_PAYLOAD,
                  4 * CHUNK);
    expect_tamper("two chunks dropped", ct, off + 3 * CT_CHUNK, p.id, pt, PQS_AGE_FAIL_PAYLOAD,
                  3 * CHUNK);
    expect_tamper("last byte cut", ct, ct_len - 1, p.id, pt, PQS_AGE_FAIL_PAYLOAD, 4 * CHUNK);
    expect_tamper("cut inside chunk 1", ct, off + CT_CHUNK + 1000, p.id, pt, PQS_AGE_FAIL_PAYLOAD,
                  CHUNK);
    expect_tamper("cut to a short tag", ct, off + 4 * CT_CHUNK + 10, p.id, pt,
                  PQS_AGE_FAIL_PAYLOAD, 4 * CHUNK);
    expect_tamper("no payload", ct, off, p.id, pt, PQS_AGE_FAIL_PAYLOAD, 0);
    expect_tamper("cut in the nonce", ct, off - 5, p.id, pt, PQS_AGE_FAIL_HEADER, 0);
    expect_tamper("cut in the header", ct, 40, p.id, pt, PQS_AGE_FAIL_HEADER, 0);

    /* Reorder chunks 1 and 2. */
    memcpy(t, ct, ct_len);
    memcpy(t + off + CT_CHUNK, ct + off + 2 * CT_CHUNK, CT_CHUNK);
    memcpy(t + off + 2 * CT_CHUNK, ct + off + CT_CHUNK, CT_CHUNK);
    expect_tamper("chunks 1 and 2 swapped", t, ct_len, p.id, pt, PQS_AGE_FAIL_PAYLOAD, CHUNK);

    /* Duplicate chunk 1. */
    memcpy(t, ct, off + 2 * CT_CHUNK);
    memcpy(t + off + 2 * CT_CHUNK, ct + off + CT_CHUNK, ct_len - off - CT_CHUNK);
    expect_tamper("chunk 1 duplicated", t, ct_len + CT_CHUNK, p.id, pt, PQS_AGE_FAIL_PAYLOAD,
                  2 * CHUNK);

    /* Trailing data after the final chunk. */
    memcpy(t, ct, ct_len);
    t[ct_len] = 0;
    expect_tamper("a trailing byte", t, ct_len + 1, p.id, pt, PQS_AGE_FAIL_PAYLOAD, 4 * CHUNK);

    /* One flipped bit in each region. */
    struct { const char *what; size_t at; int failure; size_t prefix; } flips[] = {
        {"version line", 2, PQS_AGE_FAIL_HEADER, 0},
        {"stanza body", off - 16 - 50 - 40, PQS_AGE_FAIL_NO_MATCH, 0},
        {"header MAC", off - 16 - 10, PQS_AGE_FAIL_HMAC, 0},
        {"payload nonce", off - 3, PQS_AGE_FAIL_PAYLOAD, 0},
        {"chunk 0", off + 5, PQS_AGE_FAIL_PAYLOAD, 0},
        {"chunk 2 tag", off + 3 * CT_CHUNK - 1, PQS_AGE_FAIL_PAYLOAD, 2 * CHUNK},
        {"final chunk", ct_len - 20, PQS_AGE_FAIL_PAYLOAD, 4 * CHUNK},
    };
    for (size_t i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        memcpy(t, ct, ct_len);
        /* In the text header, swap for another base64 character; in binary, flip a bit. */
        if (flips[i].at < off - 16)
            t[flips[i].at] = t[flips[i].at] == 'A' ? 'B' : 'A';
        else
            t[flips[i].at] ^= 0x01;
        expect_tamper(flips[i].what, t, ct_len, p.id, pt, flips[i].failure, flips[i].prefix);
    }
    free(t);
    pqs_age_buffer_free(ct, ct_len);
    free(pt);
    age_test_pair_free(&p);
}

static void test_keys(void)
{
    for (int type = PQS_AGE_MLKEM768X25519; type <= PQS_AGE_X25519; type++) {
        age_pair p = age_test_pair(type);
        char *s = NULL, *rs = NULL;
        pqs_age_identity *id2 = NULL;
        pqs_age_recipient *r2 = NULL;
        CHECK(pqs_age_identity_encode(p.id, &s) == 0 && pqs_age_recipient_encode(p.r, &rs) == 0,
              "encode keys");
        CHECK(strncmp(s, type == PQS_AGE_X25519 ? "AGE-SECRET-KEY-1" : "AGE-SECRET-KEY-PQ-1",
                      type == PQS_AGE_X25519 ? 16 : 19) == 0, "identity prefix %.20s", s);
        CHECK(strncmp(rs, type == PQS_AGE_X25519 ? "age1" : "age1pq1", type == PQS_AGE_X25519 ? 4 : 7) == 0,
              "recipient prefix");
        CHECK(pqs_age_identity_parse(&id2, s, strlen(s)) == 0 &&
                  pqs_age_identity_type(id2) == type, "identity parses back");
        CHECK(pqs_age_recipient_parse(&r2, rs, strlen(rs)) == 0 && pqs_age_recipient_type(r2) == type,
              "recipient parses back");
        pqs_age_identity *bad = NULL;
        s[strlen(s) - 1] = s[strlen(s) - 1] == 'Q' ? 'P' : 'Q';
        CHECK(pqs_age_identity_parse(&bad, s, strlen(s)) == PQS_E_DECODE, "bad checksum refused");
        s[5] = 'e';   /* mixed case */
        CHECK(pqs_age_identity_parse(&bad, s, strlen(s)) == PQS_E_DECODE, "mixed case refused");
        CHECK(pqs_age_identity_parse(&bad, rs, strlen(rs)) == PQS_E_DECODE, "a recipient is no identity");
        pqs_age_recipient *rbad = NULL;
        CHECK(pqs_age_recipient_parse(&rbad, "age1", 4) == PQS_E_DECODE, "short recipient refused");
        pqs_age_identity_free(id2);
        pqs_age_recipient_free(r2);
        pqs_age_string_free(s);
        pqs_age_string_free(rs);
        age_test_pair_free(&p);
    }
}

/* A header line longer than any buffer: an unknown stanza (which a recipient must skip)
 * with a 200000-character argument, before the X25519 stanza. The spec sets no line
 * limit and age reads such files; built here with the library's own header writer. */
static void test_long_header_line(void)
{
    age_pair p = age_test_pair(PQS_AGE_X25519);
    uint8_t fk[16], nonce[16], key[32], pt[100], *hdr = NULL;
    pqs_test_rand(fk, sizeof fk);
    pqs_test_rand(nonce, sizeof nonce);
    pqs_test_rand(pt, sizeof pt);
    size_t arg_len = 200000, hdr_len = 0;
    char *arg = malloc(arg_len + 1);
    memset(arg, 'a', arg_len);
    arg[arg_len] = '\0';
    const char *args[2] = {"pqsafe-test-unknown", arg};
    age_stanza st[2];
    static const uint8_t body[1] = {7};
    CHECK(age_stanza_make(&st[0], args, 2, body, 1) == 0 &&
              age_x25519_wrap(&st[1], p.r, fk) == 0 &&
              age_header_write(&hdr, &hdr_len, st, 2, fk) == 0 && age_payload_key(key, fk, nonce) == 0,
          "build the header: %s", pqs_error_detail());
    size_t file_len = hdr_len + 16 + sizeof pt + 16, out_len = 0;
    uint8_t *file = malloc(file_len), *out = NULL;
    memcpy(file, hdr, hdr_len);
    memcpy(file + hdr_len, nonce, 16);
    EVP_CIPHER_CTX *c = age_chunk_ctx(key, 1);
    CHECK(c && age_chunk_seal(c, file + hdr_len + 16, pt, sizeof pt, 0, 1) == 0, "seal the chunk");
    EVP_CIPHER_CTX_free(c);
    int failure = -1;
    int rc = open_mem(file, file_len, p.id, 1, &out, &out_len, &failure);
    CHECK(rc == 0 && out_len == sizeof pt && memcmp(out, pt, sizeof pt) == 0,
          "a 200000-byte header line: %s", pqs_error_detail());
    pqs_age_buffer_free(out, out_len);
    free(file);
    free(hdr);
    free(arg);
    age_stanza_free(&st[0]);
    age_stanza_free(&st[1]);
    age_test_pair_free(&p);
}

int main(void)
{
    static const size_t sizes[] = {0, 1, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK,
                                   3 * CHUNK + 5, 64 * CHUNK, 64 * CHUNK + 7};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (int type = PQS_AGE_MLKEM768X25519; type <= PQS_AGE_X25519; type++)
            roundtrip(type, sizes[i], (int)(i % 2), (unsigned)(i % 3) + 1);
    }
    roundtrip(PQS_AGE_SCRYPT, 12345, 0, 0);
    roundtrip(PQS_AGE_SCRYPT, 0, 1, 0);
    /* Multi-MiB: several batches through the pool, with 1, 2 and 4 threads. */
    roundtrip(PQS_AGE_X25519, (9u << 20) + 3, 0, 1);
    roundtrip(PQS_AGE_MLKEM768X25519, (9u << 20) + 3, 0, 2);
    roundtrip(PQS_AGE_X25519, 160 * CHUNK, 1, 4);
    test_multi_recipient(PQS_AGE_X25519);
    test_multi_recipient(PQS_AGE_MLKEM768X25519);
    test_refused_mixes();
    test_tamper();
    test_keys();
    test_long_header_line();
    return pqs_test_done("test_age_roundtrip");
}
