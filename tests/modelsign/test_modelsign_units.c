/* Model signing internals: base64, DSSE PAE, resource-name checks, model_signing's sort
 * order, and the statement and bundle parsers on crafted input (each refusal asserted by
 * its message). */
#include <stdlib.h>
#include <string.h>

#include "modelsign/ms_int.h"
#include "pqs_test.h"

static void test_b64(void)
{
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                                      "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {   /* RFC 4648 section 10 */
        char *e = ms_b64_encode((const uint8_t *)plain[i], strlen(plain[i]));
        CHECK(e && strcmp(e, enc[i]) == 0, "b64 encode '%s' -> '%s'", plain[i], e ? e : "");
        uint8_t *d = NULL;
        size_t n = 0;
        CHECK(ms_b64_decode(enc[i], strlen(enc[i]), &d, &n) == PQS_OK && n == strlen(plain[i]) &&
                  memcmp(d, plain[i], n) == 0, "b64 decode '%s'", enc[i]);
        free(d);
        free(e);
    }
    uint8_t *d = NULL;
    size_t n;
    CHECK(ms_b64_decode("Zm9vYg", 6, &d, &n) == PQS_OK && n == 4, "unpadded accepted");
    free(d);
    CHECK(ms_b64_decode("-_8=", 4, &d, &n) == PQS_OK && n == 2 && d[0] == 0xfb && d[1] == 0xff,
          "URL-safe alphabet (DSSE allows it)");
    free(d);
    static const char *const bad[] = {"Zg=", "Z", "Zm9v\n", "Zm 9v", "Zh==", "Zm9=", "=Zm9",
                                      "Zg==Zg=="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(ms_b64_decode(bad[i], strlen(bad[i]), &d, &n) == PQS_E_DECODE, "b64 rejects '%s'",
              bad[i]);
}

static void test_pae(void)
{
    uint8_t *p;
    size_t n;
    CHECK(ms_pae((const uint8_t *)"hello world", 11, &p, &n) == PQS_OK, "pae");
    const char *want = "DSSEv1 28 application/vnd.in-toto+json 11 hello world";
    CHECK(n == strlen(want) && memcmp(p, want, n) == 0, "PAE bytes (DSSE protocol.md)");
    free(p);
}

static void test_paths(void)
{
    static const char *const good[] = {"a", "d0/f00", ".hidden", "a..b", "x/.y/z", "\xc3\xa9t\xc3\xa9",
                                       "a:b", "..."};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        CHECK(ms_path_check(good[i], strlen(good[i]), "resource") == PQS_OK, "accepts '%s'",
              good[i]);
    static const struct { const char *name, *msg; } bad[] = {
        {"", "empty name"},
        {"/etc/passwd", "is an absolute path"},
        {"../x", "escapes the model directory"},
        {"a/../../x", "escapes the model directory"},
        {"a/..", "escapes the model directory"},
        {"./a", "escapes the model directory"},
        {"a//b", "empty path component"},
        {"a/", "empty path component"},
        {"a\nb", "control character"},
        {"\xff", "not valid UTF-8"},
        {"\xc0\xaf", "not valid UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = ms_path_check(bad[i].name, strlen(bad[i].name), "resource");
        CHECK(rc == PQS_E_DECODE && strstr(pqs_error_detail(), bad[i].msg) != NULL,
              "refuses '%s': got '%s'", bad[i].name, pqs_error_detail());
    }
    CHECK(ms_path_check("a\0b", 3, "resource") == PQS_E_DECODE, "NUL refused");
    /* PurePosixPath order: components compared, so "a/b" < "a-c" < "a0" and "a" < "a/b". */
    CHECK(ms_path_cmp("a/b", "a-c") < 0, "a/b before a-c");
    CHECK(ms_path_cmp("a", "a/b") < 0, "a before a/b");
    CHECK(ms_path_cmp("a/b", "a.b") < 0, "a/b before a.b");
    CHECK(ms_path_cmp("ab/c", "a/c") > 0, "a/c before ab/c");
    CHECK(ms_path_cmp("d0/f00", "d0/f00") == 0, "equal");
    char *ig[] = {".git", "logs/tmp"};
    CHECK(ms_path_ignored(".git/HEAD", ig, 2) && ms_path_ignored("logs/tmp", ig, 2), "ignored");
    CHECK(!ms_path_ignored(".gitx", ig, 2) && !ms_path_ignored("logs/tmpx", ig, 2), "not ignored");
}

/* A statement with the given resources JSON and subject digest (NULL: the right one). */
static char *statement(const char *serialization, const char *resources, const char *root)
{
    static char buf[8192];
    char right[65];
    if (root == NULL) {
        /* Parse once with a zero root to learn the resources' root from the message-free
         * path: compute it the same way the parser does. */
        ms_manifest m;
        memset(&m, 0, sizeof m);
        snprintf(buf, sizeof buf, "[%s]", resources);
        json_t *arr = json_loads(buf, 0, NULL);
        m.n_items = json_array_size(arr);
        m.items = calloc(m.n_items + 1, sizeof *m.items);
        for (size_t i = 0; i < m.n_items; i++)
            ms_unhex(json_string_value(json_object_get(json_array_get(arr, i), "digest")),
                     m.items[i].digest, MS_DIGEST_BYTES);
        uint8_t r[MS_DIGEST_BYTES];
        ms_manifest_root(&m, r);
        ms_hex(r, MS_DIGEST_BYTES, right);
        free(m.items);
        json_decref(arr);
        root = right;
    }
    snprintf(buf, sizeof buf,
             "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m\","
             "\"digest\":{\"sha256\":\"%s\"}}],\"predicateType\":"
             "\"https://model_signing/signature/v1.0\",\"predicate\":{\"serialization\":%s,"
             "\"resources\":[%s]}}", root, serialization, resources);
    return buf;
}

#define FILES "{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false}"
#define SHARDS "{\"method\":\"shards\",\"hash_type\":\"sha256\",\"allow_symlinks\":false," \
               "\"shard_size\":1000000000.0,\"ignore_paths\":[\"model.sig\"]}"
#define D1 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define D2 "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"
#define RES(name, d) "{\"name\":\"" name "\",\"algorithm\":\"sha256\",\"digest\":\"" d "\"}"

static void expect_parse(const char *json, int want_rc, const char *want_msg)
{
    ms_manifest m;
    int rc = ms_statement_parse((const uint8_t *)json, strlen(json), &m);
    CHECK(rc == want_rc && (want_msg == NULL || strstr(pqs_error_detail(), want_msg) != NULL),
          "statement: want %d '%s', got %d '%s'", want_rc, want_msg ? want_msg : "", rc,
          pqs_error_detail());
    if (rc == PQS_OK)
        ms_manifest_free(&m);
}

static void test_statement(void)
{
    expect_parse(statement(FILES, RES("a", D1) "," RES("d/b", D2), NULL), PQS_OK, NULL);
    expect_parse(statement(SHARDS, RES("a:0:10", D1) "," RES("a:1000000000:1000000005", D2), NULL),
                 PQS_OK, NULL);
    expect_parse(statement(FILES, RES("../../etc/passwd", D1), NULL), PQS_E_DECODE,
                 "escapes the model directory");
    expect_parse(statement(FILES, RES("/etc/passwd", D1), NULL), PQS_E_DECODE, "absolute path");
    expect_parse(statement(SHARDS, RES("../x:0:5", D1), NULL), PQS_E_DECODE, "escapes");
    expect_parse(statement(FILES, RES("a", D1) "," RES("a", D2), NULL), PQS_E_DECODE,
                 "duplicate resource name 'a'");
    expect_parse(statement(FILES, RES("a", D1), D2), PQS_E_VERIFY, "wrong root digest");
    expect_parse(statement(FILES, RES("a", "abc"), NULL), PQS_E_DECODE, "malformed digest");
    expect_parse(statement(SHARDS, RES("a:5:0", D1), NULL), PQS_E_DECODE, "invalid range");
    expect_parse(statement(SHARDS, RES("a:0:05", D1), NULL), PQS_E_DECODE, "invalid range");
    expect_parse(statement(SHARDS, RES("a:1:5", D1), NULL), PQS_E_DECODE, "invalid range");
    expect_parse(statement(SHARDS, RES("a", D1), NULL), PQS_E_DECODE, "not path:start:end");
    expect_parse(statement("{\"method\":\"files\",\"hash_type\":\"blake2\",\"allow_symlinks\":false}",
                           RES("a", D1), NULL), PQS_E_DECODE, "unsupported hash_type 'blake2'");
    expect_parse(statement("{\"method\":\"tree\",\"hash_type\":\"sha256\",\"allow_symlinks\":false}",
                           RES("a", D1), NULL), PQS_E_DECODE, "unknown serialization method");
    expect_parse(statement("{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":\"false\"}",
                           RES("a", D1), NULL), PQS_E_DECODE, "allow_symlinks is not a boolean");
    expect_parse(statement("{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false,"
                           "\"ignore_paths\":[\"../up\"]}", RES("a", D1), NULL), PQS_E_DECODE,
                 "escapes");
    expect_parse("[]", PQS_E_DECODE, "not a JSON object");
    expect_parse("{", PQS_E_DECODE, "not valid JSON");
    expect_parse("{\"_type\":\"https://in-toto.io/Statement/v0.1\"}", PQS_E_DECODE,
                 "not an in-toto Statement v1");
    char *s = statement(FILES, RES("a", D1), NULL);
    char *p = strstr(s, "v1.0");
    memcpy(p, "v9.9", 4);
    expect_parse(s, PQS_E_DECODE, "unsupported predicateType");
    /* A duplicate JSON key could hide a second value from a different parser. */
    expect_parse("{\"_type\":\"a\",\"_type\":\"b\"}", PQS_E_DECODE, "not valid JSON");
}

static void expect_bundle(const char *json, int want_rc, const char *want_msg)
{
    ms_bundle b;
    int rc = ms_bundle_parse((const uint8_t *)json, strlen(json), &b);
    CHECK(rc == want_rc && (want_msg == NULL || strstr(pqs_error_detail(), want_msg) != NULL),
          "bundle: want %d '%s', got %d '%s'", want_rc, want_msg ? want_msg : "", rc,
          pqs_error_detail());
    if (rc == PQS_OK)
        ms_bundle_free(&b);
}

#define BUNDLE(media, env)                                                                  \
    "{\"mediaType\":\"" media "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"ab\"},"   \
    "\"tlogEntries\":[]},\"dsseEnvelope\":" env "}"
#define V03 "application/vnd.dev.sigstore.bundle.v0.3+json"
#define ENV(type, sigs) "{\"payload\":\"e30=\",\"payloadType\":\"" type "\",\"signatures\":" sigs "}"
#define INTOTO "application/vnd.in-toto+json"

static void test_bundle(void)
{
    expect_bundle(BUNDLE(V03, ENV(INTOTO, "[{\"sig\":\"AAAA\",\"keyid\":\"ML-DSA-65\"}]")), PQS_OK,
                  NULL);
    expect_bundle(BUNDLE("application/vnd.dev.sigstore.bundle+json;version=0.2",
                         ENV(INTOTO, "[{\"sig\":\"AAAA\"}]")), PQS_E_DECODE, "not a Sigstore bundle v0.3");
    expect_bundle(BUNDLE(V03, ENV("text/plain", "[{\"sig\":\"AAAA\"}]")), PQS_E_DECODE,
                  "payloadType");
    expect_bundle(BUNDLE(V03, ENV(INTOTO, "[]")), PQS_E_DECODE, "no signatures");
    expect_bundle(BUNDLE(V03, ENV(INTOTO, "[{\"sig\":\"A\"}]")), PQS_E_DECODE,
                  "DSSE signature 0: base64");
    expect_bundle(BUNDLE(V03, ENV(INTOTO, "[{\"sig\":\"AAAA\",\"keyid\":7}]")), PQS_E_DECODE,
                  "non-string keyid");
    expect_bundle(BUNDLE(V03, ENV(INTOTO, "[{\"sig\":\"AAAA\"},{\"sig\":\"AAAA\"},{\"sig\":\"AAAA\"}]")),
                  PQS_E_DECODE, "3 signatures");
    expect_bundle("{\"mediaType\":\"" V03 "\"}", PQS_E_DECODE, "no verificationMaterial");
    expect_bundle("not json", PQS_E_DECODE, "not valid JSON");
}

int main(void)
{
    test_b64();
    test_pae();
    test_paths();
    test_statement();
    test_bundle();
    return pqs_test_done("test_modelsign_units");
}
