/* The tamper matrix through pqs_model_sign / pqs_model_verify: every change to a signed
 * model, and every crafted bundle, is refused with the right message; untouched models,
 * ignored paths, shards, hybrid signing and the model_signing ML-DSA hint form verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "modelsign/ms_int.h"
#include "modelsign_fixture.h"
#include "pqs_test.h"

static const char *const g_files[] = {"config.json", "weights/part-00.bin", "weights/part-01.bin",
                                      "tokenizer/vocab.txt", "README"};
#define N_FILES (sizeof g_files / sizeof g_files[0])

static void make_model(const char *dir)
{
    fx_write(dir, "config.json", "{\"layers\": 2}\n", 14);
    fx_write_random(dir, "weights/part-00.bin", 300000);
    fx_write_random(dir, "weights/part-01.bin", 123457);
    fx_write_random(dir, "tokenizer/vocab.txt", 5000);
    fx_write(dir, "README", "x", 1);
    fx_write(dir, ".git/HEAD", "ref: main\n", 10);
    fx_write(dir, ".gitignore", "*.tmp\n", 6);
}

/* Verify and compare the return code, the detail and (when given) the findings. */
static void expect(const char *dir, const pqs_model_key *k, const pqs_model_options *o,
                   int want_rc, const char *want_msg, const char *want_findings, int line)
{
    pqs_model_report *r = NULL;
    int rc = pqs_model_verify(dir, k, o, &r);
    char got[1024] = "";
    for (size_t i = 0; r != NULL && i < r->n_findings; i++) {
        static const char *const kind[] = {"", "changed", "missing", "extra"};
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%s:%s", n ? " " : "", kind[r->findings[i].kind],
                 r->findings[i].path);
    }
    CHECK(rc == want_rc, "line %d: rc %d, want %d (%s)", line, rc, want_rc, pqs_error_detail());
    CHECK(want_msg == NULL || strstr(pqs_error_detail(), want_msg) != NULL,
          "line %d: detail '%s', want '%s'", line, pqs_error_detail(), want_msg ? want_msg : "");
    CHECK(want_findings == NULL || strcmp(got, want_findings) == 0,
          "line %d: findings '%s', want '%s'", line, got, want_findings ? want_findings : "");
    pqs_model_report_free(r);
}
#define EXPECT(dir, k, o, rc, msg, findings) expect(dir, k, o, rc, msg, findings, __LINE__)

static void sign_ok(const char *dir, const pqs_model_key *k, const pqs_model_options *o)
{
    int rc = pqs_model_sign(dir, k, o);
    CHECK(rc == PQS_OK, "sign: %d %s", rc, pqs_error_detail());
}

static void tamper_files(const char *dir, const pqs_model_key *pub, const pqs_model_options *o)
{
    char want[256];
    for (size_t i = 0; i < N_FILES; i++) {   /* one byte flipped in each file */
        size_t len;
        free(fx_read(fx_path(dir, g_files[i]), &len));
        fx_flip(dir, g_files[i], (long)(len / 2));
        snprintf(want, sizeof want, "changed:%s", g_files[i]);
        EXPECT(dir, pub, o, PQS_E_VERIFY, "1 changed, 0 missing, 0 extra", want);
        fx_flip(dir, g_files[i], (long)(len / 2));
        EXPECT(dir, pub, o, PQS_OK, NULL, "");
    }
    char *orig = fx_read(fx_path(dir, "weights/part-01.bin"), NULL);
    char from[4096];
    snprintf(from, sizeof from, "%s", fx_path(dir, "weights/part-01.bin"));
    CHECK(rename(from, fx_path(dir, "weights/part-01.old")) == 0, "rename");
    EXPECT(dir, pub, o, PQS_E_VERIFY, "0 changed, 1 missing, 1 extra",
           "missing:weights/part-01.bin extra:weights/part-01.old");
    CHECK(rename(fx_path(dir, "weights/part-01.old"), from) == 0, "rename back");
    fx_write(dir, "weights/extra.bin", "evil", 4);
    EXPECT(dir, pub, o, PQS_E_VERIFY, "first: extra 'weights/extra.bin'", "extra:weights/extra.bin");
    pqs_model_options lax = {0};
    if (o != NULL)
        lax = *o;
    lax.ignore_unsigned_files = 1;
    EXPECT(dir, pub, &lax, PQS_OK, NULL, "");
    unlink(fx_path(dir, "weights/extra.bin"));
    unlink(fx_path(dir, "README"));
    EXPECT(dir, pub, o, PQS_E_VERIFY, "first: missing 'README'", "missing:README");
    fx_write(dir, "README", "x", 1);
    CHECK(truncate(fx_path(dir, "weights/part-01.bin"), 1000) == 0, "truncate");
    EXPECT(dir, pub, o, PQS_E_VERIFY, "1 changed", "changed:weights/part-01.bin");
    fx_write(dir, "weights/part-01.bin", orig, 123457);
    free(orig);
    /* Outside the manifest: git paths never count. */
    fx_write(dir, ".git/HEAD", "ref: other\n", 11);
    EXPECT(dir, pub, o, PQS_OK, NULL, "");
}

static void symlinks(const char *dir, const pqs_model_key *priv, const pqs_model_key *pub)
{
    CHECK(symlink("/etc/passwd", fx_path(dir, "evil")) == 0, "symlink");
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "'evil' is a symbolic link", NULL);
    pqs_model_options allow = {0};
    allow.allow_symlinks = 1;
    CHECK(pqs_model_sign(dir, priv, &allow) == PQS_E_INVALID_ARG &&
              strstr(pqs_error_detail(), "'evil' points outside the model directory"),
          "symlink out refused when signing: %s", pqs_error_detail());
    unlink(fx_path(dir, "evil"));
    CHECK(symlink("config.json", fx_path(dir, "alias.json")) == 0, "symlink in");
    CHECK(pqs_model_sign(dir, priv, NULL) == PQS_E_INVALID_ARG &&
              strstr(pqs_error_detail(), "symbolic link"), "symlink refused by default");
    sign_ok(dir, priv, &allow);
    EXPECT(dir, pub, NULL, PQS_OK, NULL, "");
    unlink(fx_path(dir, "alias.json"));
    CHECK(symlink("../../../../etc/passwd", fx_path(dir, "alias.json")) == 0, "re-pointed");
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "points outside the model directory", NULL);
    unlink(fx_path(dir, "alias.json"));
    sign_ok(dir, priv, NULL);
}

/* Statements signed with the right key but crafted to attack the verifier. */
static void crafted(const char *dir, const fx_key *key, const pqs_model_key *pub)
{
    const char *sig = fx_path(dir, "model.sig");
    char sigpath[4096];
    snprintf(sigpath, sizeof sigpath, "%s", sig);
    char *good = fx_bundle_payload(sigpath);
    static const struct { const char *from, *to, *msg; int rc; } cases[] = {
        {"\"name\":\"README\"", "\"name\":\"../../../etc/passwd\"", "escapes the model directory",
         PQS_E_DECODE},
        {"\"name\":\"README\"", "\"name\":\"/etc/passwd\"", "is an absolute path", PQS_E_DECODE},
        {"\"name\":\"README\"", "\"name\":\"config.json\"", "duplicate resource name 'config.json'",
         PQS_E_DECODE},
        {"\"hash_type\":\"sha256\"", "\"hash_type\":\"md5\"", "unsupported hash_type", PQS_E_DECODE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[16384];
        const char *at = strstr(good, cases[i].from);
        CHECK(at != NULL, "case %zu applies", i);
        if (at == NULL)
            continue;
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - good), good, cases[i].to,
                 at + strlen(cases[i].from));
        fx_craft_bundle(sigpath, key, buf, key->alg->name, NULL);
        EXPECT(dir, pub, NULL, cases[i].rc, cases[i].msg, NULL);
    }
    char *root = strstr(good, "\"sha256\":\"") + 10;
    char saved = root[0];
    root[0] = 'z';
    fx_craft_bundle(sigpath, key, good, key->alg->name, NULL);
    EXPECT(dir, pub, NULL, PQS_E_DECODE, "subject digest is not 64 hex digits", NULL);
    root[0] = saved;
    /* A wrong root digest: one resource digest changed, subject left alone. */
    char *d = strstr(good, "\"digest\":\"") + 10;
    saved = d[0];
    d[0] = saved == '0' ? '1' : '0';
    fx_craft_bundle(sigpath, key, good, key->alg->name, NULL);
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "wrong root digest", NULL);
    d[0] = saved;
    fx_craft_bundle(sigpath, key, good, "ML-DSA-99", NULL);
    EXPECT(dir, pub, NULL, PQS_E_DECODE, "unknown signature algorithm 'ML-DSA-99'", NULL);
    fx_craft_bundle(sigpath, key, good, "", NULL);
    EXPECT(dir, pub, NULL, PQS_E_DECODE, "does not name its signature algorithm", NULL);
    /* The form model_signing's own ML-DSA signer writes: keyid "", hint ALG:sha256(raw pk). */
    if (strcmp(key->alg->name, "ML-DSA-65") == 0) {
        fx_craft_bundle(sigpath, key, good, "", "ML_DSA_65:0000");
        EXPECT(dir, pub, NULL, PQS_E_VERIFY, "signed by another key", NULL);
        uint8_t dg[32];
        char hx[80] = "ML_DSA_65:";
        EVP_Digest(key->pk, key->alg->pk_bytes, dg, NULL, EVP_sha256(), NULL);
        ms_hex(dg, 32, hx + 10);
        fx_craft_bundle(sigpath, key, good, "", hx);
        EXPECT(dir, pub, NULL, PQS_OK, NULL, "");
    }
    fx_craft_bundle(sigpath, key, good, key->alg->name, NULL);
    EXPECT(dir, pub, NULL, PQS_OK, NULL, "");
    /* The payload changed after signing. */
    char *text = fx_read(sigpath, NULL);
    char *p = strstr(text, "\"payload\": \"") + 12;
    p[20] = p[20] == 'A' ? 'B' : 'A';
    fx_write(dir, "model.sig", text, strlen(text));
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "signature does not verify", NULL);
    free(text);
    free(good);
}

static void other_keys(const char *dir, const fx_key *key, const pqs_model_key *pub)
{
    fx_key other, small;
    fx_key_new(&other, key->alg->name);
    fx_key_new(&small, "ML-DSA-44");
    pqs_model_key opub = fx_model_key(&other, 0), spub = fx_model_key(&small, 0);
    EXPECT(dir, &opub, NULL, PQS_E_VERIFY, "signed by another key", NULL);
    EXPECT(dir, &spub, NULL, PQS_E_VERIFY, "signed with ML-DSA-65 but the key is ML-DSA-44", NULL);
    /* Signed by another key of the same algorithm, no hint to give it away. */
    char *payload = fx_bundle_payload(fx_path(dir, "model.sig"));
    char sigpath[4096];
    snprintf(sigpath, sizeof sigpath, "%s", fx_path(dir, "model.sig"));
    fx_craft_bundle(sigpath, &other, payload, other.alg->name, "");
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "ML-DSA-65 signature does not verify", NULL);
    free(payload);
    fx_key_free(&other);
    fx_key_free(&small);
}

static void shards(const char *dir, const pqs_model_key *priv, const pqs_model_key *pub)
{
    pqs_model_options o = {0};
    o.shard_size = 65536;
    sign_ok(dir, priv, &o);
    char *payload = fx_bundle_payload(fx_path(dir, "model.sig"));
    CHECK(strstr(payload, "\"name\":\"weights/part-00.bin:262144:300000\"") != NULL &&
              strstr(payload, "\"method\":\"shards\"") && strstr(payload, "\"shard_size\":65536"),
          "shard names and serialization");
    free(payload);
    EXPECT(dir, pub, NULL, PQS_OK, NULL, "");
    fx_flip(dir, "weights/part-00.bin", 70000);
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "1 changed", "changed:weights/part-00.bin");
    fx_flip(dir, "weights/part-00.bin", 70000);
    char *orig = fx_read(fx_path(dir, "weights/part-01.bin"), NULL);
    CHECK(truncate(fx_path(dir, "weights/part-01.bin"), 65536) == 0, "truncate at a boundary");
    EXPECT(dir, pub, NULL, PQS_E_VERIFY, "1 changed", "changed:weights/part-01.bin");
    fx_write(dir, "weights/part-01.bin", orig, 123457);
    free(orig);
    EXPECT(dir, pub, NULL, PQS_OK, NULL, "");
    tamper_files(dir, pub, NULL);
}

static void hybrid(const char *dir, const fx_key *key)
{
    fx_ed25519 ed, ed2;
    fx_ed25519_new(&ed);
    fx_ed25519_new(&ed2);
    pqs_model_key priv = fx_model_key(key, 1), pub = fx_model_key(key, 0);
    priv.ed25519_pem = ed.priv_pem;
    priv.ed25519_pem_len = ed.priv_len;
    sign_ok(dir, &priv, NULL);
    pqs_model_key hpub = pub;
    hpub.ed25519_pem = ed.pub_pem;
    hpub.ed25519_pem_len = ed.pub_len;
    EXPECT(dir, &hpub, NULL, PQS_OK, NULL, "");
    EXPECT(dir, &pub, NULL, PQS_E_VERIFY, "hybrid (ML-DSA-65+Ed25519)", NULL);
    hpub.ed25519_pem = ed2.pub_pem;
    hpub.ed25519_pem_len = ed2.pub_len;
    EXPECT(dir, &hpub, NULL, PQS_E_VERIFY, "Ed25519 signature does not verify", NULL);
    hpub.ed25519_pem = (const uint8_t *)"junk";
    hpub.ed25519_pem_len = 4;
    EXPECT(dir, &hpub, NULL, PQS_E_INVALID_KEY, "not an Ed25519 key", NULL);
    fx_write(dir, "config.json", "{\"layers\": 3}\n", 14);
    hpub.ed25519_pem = ed.pub_pem;
    hpub.ed25519_pem_len = ed.pub_len;
    EXPECT(dir, &hpub, NULL, PQS_E_VERIFY, NULL, "changed:config.json");
    fx_write(dir, "config.json", "{\"layers\": 2}\n", 14);
    fx_ed25519_free(&ed);
    fx_ed25519_free(&ed2);
}

static void locations(const char *dir, const pqs_model_key *priv, const pqs_model_key *pub)
{
    char *out = fx_tmpdir("sigout");
    pqs_model_options o = {0};
    char sig[4096];
    snprintf(sig, sizeof sig, "%s/elsewhere.sig", out);
    o.signature_path = sig;
    const char *ign[] = {"logs"};
    o.ignore_paths = ign;
    o.n_ignore_paths = 1;
    fx_write(dir, "logs/run.txt", "1", 1);
    sign_ok(dir, priv, &o);
    char *payload = fx_bundle_payload(sig);
    CHECK(strstr(payload, "\"ignore_paths\":[\".git\",\".gitattributes\",\".github\",\".gitignore\","
                          "\"logs\"]") != NULL, "ignore_paths recorded: %s", payload);
    free(payload);
    fx_write(dir, "logs/run.txt", "2", 1);
    EXPECT(dir, pub, &o, PQS_OK, NULL, "");
    unlink(fx_path(dir, "logs/run.txt"));
    rmdir(fx_path(dir, "logs"));
    o.no_overwrite = 1;
    CHECK(pqs_model_sign(dir, priv, &o) == PQS_E_IO && strstr(pqs_error_detail(), "exists"),
          "no_overwrite: %s", pqs_error_detail());
    fx_rm_rf(out);
    free(out);
    pqs_model_options tiny = {0};
    tiny.shard_size = 1;
    fx_write_random(dir, "big.bin", 1000001);
    CHECK(pqs_model_sign(dir, priv, &tiny) == PQS_E_INVALID_ARG &&
              strstr(pqs_error_detail(), "use a larger shard size"), "resource cap: %s",
          pqs_error_detail());
    unlink(fx_path(dir, "big.bin"));
    char *empty = fx_tmpdir("empty");
    CHECK(pqs_model_sign(empty, priv, NULL) == PQS_E_INVALID_ARG &&
              strstr(pqs_error_detail(), "no files to sign"), "empty model refused");
    EXPECT(empty, pub, NULL, PQS_E_IO, "model.sig", NULL);
    CHECK(pqs_model_sign("/nonexistent/model", priv, NULL) == PQS_E_IO, "missing model");
    CHECK(pqs_model_sign(dir, pub, NULL) == PQS_E_INVALID_KEY, "public key cannot sign");
    fx_rm_rf(empty);
    free(empty);
}

int main(void)
{
    fx_key key;
    fx_key_new(&key, "ML-DSA-65");
    pqs_model_key priv = fx_model_key(&key, 1), pub = fx_model_key(&key, 0);
    char *dir = fx_tmpdir("model");
    make_model(dir);
    sign_ok(dir, &priv, NULL);
    pqs_model_report *r = NULL;
    CHECK(pqs_model_verify(dir, &pub, NULL, &r) == PQS_OK && r != NULL &&
              strcmp(r->algorithm, "ML-DSA-65") == 0 && r->n_resources == N_FILES &&
              strcmp(r->method, "files") == 0, "verify the untouched model");
    pqs_model_report_free(r);
    tamper_files(dir, &pub, NULL);
    symlinks(dir, &priv, &pub);
    crafted(dir, &key, &pub);
    other_keys(dir, &key, &pub);
    hybrid(dir, &key);
    shards(dir, &priv, &pub);
    locations(dir, &priv, &pub);
    fx_rm_rf(dir);
    free(dir);
    fx_key_free(&key);
    return pqs_test_done("test_modelsign_tamper");
}
