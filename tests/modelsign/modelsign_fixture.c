/* Test fixture for model signing (see modelsign_fixture.h). */
#define _XOPEN_SOURCE 700
#include "modelsign_fixture.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "modelsign/ms_int.h"
#include "pqs_test.h"

static void die(const char *what)
{
    fprintf(stderr, "fixture: %s: %s\n", what, strerror(errno));
    exit(2);
}

void fx_key_new(fx_key *k, const char *alg)
{
    k->alg = pqs_sig_find(alg);
    if (k->alg == NULL)
        die(alg);
    k->pk = malloc(k->alg->pk_bytes);
    k->sk = malloc(k->alg->sk_bytes);
    if (k->pk == NULL || k->sk == NULL || pqs_sig_keypair(k->alg, k->pk, k->sk, NULL) != PQS_OK)
        die("keypair");
}

void fx_key_free(fx_key *k)
{
    free(k->pk);
    free(k->sk);
}

pqs_model_key fx_model_key(const fx_key *k, int with_private)
{
    pqs_model_key m = {k->alg, k->pk, with_private ? k->sk : NULL, NULL, 0};
    return m;
}

static void pem_out(BIO *b, uint8_t **out, size_t *len)
{
    char *p;
    long n = BIO_get_mem_data(b, &p);
    *out = malloc((size_t)n);
    memcpy(*out, p, (size_t)n);
    *len = (size_t)n;
}

void fx_ed25519_new(fx_ed25519 *k)
{
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    BIO *a = BIO_new(BIO_s_mem()), *b = BIO_new(BIO_s_mem());
    if (pkey == NULL || a == NULL || b == NULL ||
        PEM_write_bio_PrivateKey(a, pkey, NULL, NULL, 0, NULL, NULL) != 1 ||
        PEM_write_bio_PUBKEY(b, pkey) != 1)
        die("Ed25519 key");
    pem_out(a, &k->priv_pem, &k->priv_len);
    pem_out(b, &k->pub_pem, &k->pub_len);
    BIO_free(a);
    BIO_free(b);
    EVP_PKEY_free(pkey);
}

void fx_ed25519_free(fx_ed25519 *k)
{
    free(k->priv_pem);
    free(k->pub_pem);
}

char *fx_tmpdir(const char *tag)
{
    const char *base = getenv("TMPDIR");
    char *d = malloc(4096);
    snprintf(d, 4096, "%s/pqs-%s-XXXXXX", base && base[0] ? base : "/tmp", tag);
    if (mkdtemp(d) == NULL)
        die("mkdtemp");
    return d;
}

const char *fx_path(const char *dir, const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, rel);
    return buf;
}

static void mkdirs_for(char *path)
{
    for (char *p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            die(path);
        *p = '/';
    }
}

void fx_write(const char *dir, const char *rel, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    mkdirs_for(path);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
        die(path);
}

void fx_write_random(const char *dir, const char *rel, size_t len)
{
    uint8_t *buf = malloc(len ? len : 1);
    pqs_test_rand(buf, len);
    fx_write(dir, rel, buf, len);
    free(buf);
}

void fx_flip(const char *dir, const char *rel, long offset)
{
    FILE *f = fopen(fx_path(dir, rel), "r+b");
    int c;
    if (f == NULL || fseek(f, offset, SEEK_SET) != 0 || (c = fgetc(f)) == EOF ||
        fseek(f, offset, SEEK_SET) != 0 || fputc(c ^ 0xFF, f) == EOF || fclose(f) != 0)
        die(rel);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void fx_rm_rf(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die(path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        die(path);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

void fx_craft_bundle(const char *path, const fx_key *k, const char *payload, const char *keyid,
                     const char *hint)
{
    ms_bundle b;
    memset(&b, 0, sizeof b);
    char own[65];
    if (hint == NULL && pqs_model_key_hint(k->alg, k->pk, own) != PQS_OK)
        die("hint");
    b.hint = (char *)(hint ? hint : own);
    b.payload = (uint8_t *)payload;
    b.payload_len = strlen(payload);
    uint8_t *pae;
    size_t pae_len;
    if (ms_pae(b.payload, b.payload_len, &pae, &pae_len) != PQS_OK)
        die("pae");
    b.n_sigs = 1;
    b.sigs[0].keyid = (char *)keyid;
    b.sigs[0].sig = malloc(k->alg->sig_bytes);
    if (pqs_sig_sign(k->alg, b.sigs[0].sig, &b.sigs[0].sig_len, pae, pae_len, NULL, 0, k->sk,
                     NULL) != PQS_OK)
        die("sign");
    char *json;
    size_t json_len;
    if (ms_bundle_encode(&b, &json, &json_len) != PQS_OK)
        die("encode");
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(json, 1, json_len, f) != json_len || fclose(f) != 0)
        die(path);
    free(json);
    free(b.sigs[0].sig);
    free(pae);
}

char *fx_bundle_payload(const char *path)
{
    size_t len;
    char *text = fx_read(path, &len);
    ms_bundle b;
    if (ms_bundle_parse((const uint8_t *)text, len, &b) != PQS_OK)
        die("bundle parse");
    char *p = malloc(b.payload_len + 1);
    memcpy(p, b.payload, b.payload_len);
    p[b.payload_len] = '\0';
    ms_bundle_free(&b);
    free(text);
    return p;
}
