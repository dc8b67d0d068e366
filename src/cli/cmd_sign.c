/* pqsafe sign, pqsafe verify: detached signatures over files of any size.
 * By default the file is streamed through SHA2-512 and signed with the pre-hash variant
 * (HashML-DSA, FIPS 204 Alg. 4; HashSLH-DSA, FIPS 205 Alg. 23), so memory stays small
 * whatever the file size. --pure signs the file itself (FIPS 204 Alg. 2 / FIPS 205
 * Alg. 22), as `openssl pkeyutl -sign -rawin` does; the file must then fit in memory.
 * The signature file holds the raw signature bytes. */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"
#include "core/file.h"

#define PURE_MAX_BYTES ((size_t)1 << 30)
#define DEFAULT_PREHASH "SHA2-512"

typedef struct {
    const char *key, *sig, *file, *ctx, *prehash, *out;
    int pure, force;
} sign_opts;

/* FIPS 204 §5.4 names and OpenSSL's names for the same functions. */
static const struct { const char *name, *evp; unsigned xof_bytes; } g_hashes[] = {
    {"SHA2-224", "SHA224", 0},   {"SHA2-256", "SHA256", 0},     {"SHA2-384", "SHA384", 0},
    {"SHA2-512", "SHA512", 0},   {"SHA2-512/224", "SHA512-224", 0}, {"SHA2-512/256", "SHA512-256", 0},
    {"SHA3-224", "SHA3-224", 0}, {"SHA3-256", "SHA3-256", 0},   {"SHA3-384", "SHA3-384", 0},
    {"SHA3-512", "SHA3-512", 0}, {"SHAKE-128", "SHAKE128", 32}, {"SHAKE-256", "SHAKE256", 64},
};

/* Stream a file (or standard input for "-") through the named hash. */
static int hash_file(const char *path, const char *name, uint8_t *digest, size_t *digest_len)
{
    size_t h = 0;
    while (h < sizeof g_hashes / sizeof g_hashes[0] && strcmp(g_hashes[h].name, name) != 0)
        h++;
    if (h == sizeof g_hashes / sizeof g_hashes[0]) {
        pqs_cli_error("unknown pre-hash '%s' (SHA2-256, SHA2-512, SHA3-256, SHAKE-256, ...)", name);
        return PQS_EXIT_USAGE;
    }
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        pqs_cli_error("cannot open %s: %s", path, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    enum { CHUNK = 1 << 20 };
    uint8_t *buf = malloc(CHUNK);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = buf && c && EVP_DigestInit_ex(c, EVP_get_digestbyname(g_hashes[h].evp), NULL) == 1;
    ssize_t r = 0;
    while (ok && (r = read(fd, buf, CHUNK)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        ok = r > 0 && EVP_DigestUpdate(c, buf, (size_t)r) == 1;
    }
    unsigned n = g_hashes[h].xof_bytes;
    if (ok && n)
        ok = EVP_DigestFinalXOF(c, digest, n) == 1;
    else if (ok)
        ok = EVP_DigestFinal_ex(c, digest, &n) == 1;
    *digest_len = n;
    EVP_MD_CTX_free(c);
    free(buf);
    if (fd != STDIN_FILENO)
        close(fd);
    if (!ok) {
        pqs_cli_error("cannot read %s: %s", path, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

static int parse(int argc, char **argv, sign_opts *o, int verifying)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int takes_value = !strcmp(a, "--key") || !strcmp(a, "--ctx") || !strcmp(a, "--prehash") ||
                          !strcmp(a, "--sig") || !strcmp(a, "-o");
        if (takes_value && (v = pqs_cli_value(argc, argv, &i)) == NULL)
            return PQS_EXIT_USAGE;
        if (!strcmp(a, "--key"))
            o->key = v;
        else if (!strcmp(a, "--ctx"))
            o->ctx = v;
        else if (!strcmp(a, "--prehash"))
            o->prehash = v;
        else if (!strcmp(a, "--sig") && verifying)
            o->sig = v;
        else if (!strcmp(a, "-o") && !verifying)
            o->out = v;
        else if (!strcmp(a, "--pure"))
            o->pure = 1;
        else if (!strcmp(a, "--force") && !verifying)
            o->force = 1;
        else if ((a[0] != '-' || !strcmp(a, "-")) && o->file == NULL && !takes_value)
            o->file = a;
        else {
            pqs_cli_error("%s: unexpected argument '%s' (see 'pqsafe %s --help')", argv[0], a, argv[0]);
            return PQS_EXIT_USAGE;
        }
    }
    if (o->key == NULL || o->file == NULL || (verifying && o->sig == NULL)) {
        pqs_cli_error(verifying ? "verify needs --key PUB --sig SIG FILE" : "sign needs --key KEY FILE");
        return PQS_EXIT_USAGE;
    }
    if (o->pure && o->prehash) {
        pqs_cli_error("--pure and --prehash exclude each other");
        return PQS_EXIT_USAGE;
    }
    if (o->ctx && strlen(o->ctx) > PQS_SIG_MAX_CTX_BYTES) {
        pqs_cli_error("--ctx is longer than 255 bytes");
        return PQS_EXIT_USAGE;
    }
    if (!o->pure && !o->prehash)
        o->prehash = DEFAULT_PREHASH;
    return PQS_EXIT_OK;
}

static const pqs_sig *signature_alg(pqs_key *key, const char *path)
{
    const pqs_sig *alg = pqs_key_sig(key);
    if (alg == NULL)
        pqs_cli_error("%s is a %s key, which cannot sign", path, pqs_key_alg(key));
    return alg;
}

/* Either the whole file (pure) or its digest (pre-hash). */
static int load_message(const sign_opts *o, uint8_t **msg, size_t *len, uint8_t digest[64])
{
    if (!o->pure)
        return hash_file(o->file, o->prehash, digest, len);
    if (strcmp(o->file, "-") == 0) {
        pqs_cli_error("--pure needs a file, not standard input");
        return PQS_EXIT_USAGE;
    }
    if (pqs_read_file(o->file, PURE_MAX_BYTES, msg, len) != PQS_OK) {
        pqs_cli_error("%s (use the default pre-hash mode for large files)", pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

int pqs_cmd_sign(int argc, char **argv)
{
    sign_opts o;
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe sign --key KEY [--ctx STRING] [--pure | --prehash HASH] [-o SIG] [--force] FILE\n\n"
             "Writes a detached signature of FILE ('-' for standard input) to SIG (default FILE.sig).\n"
             "The file is streamed through HASH (default SHA2-512) and signed with HashML-DSA or\n"
             "HashSLH-DSA; --pure signs the file itself (it must fit in memory). --ctx binds a\n"
             "context string (at most 255 bytes). The signature file is the raw signature.");
        return PQS_EXIT_OK;
    }
    int rc = parse(argc, argv, &o, 0);
    if (rc != PQS_EXIT_OK)
        return rc;
    pqs_key *key = pqs_cli_load_key(o.key);
    const pqs_sig *alg = key ? signature_alg(key, o.key) : NULL;
    if (alg == NULL || !pqs_key_is_private(key)) {
        if (alg != NULL)
            pqs_cli_error("%s is a public key; signing needs the private key", o.key);
        pqs_key_free(key);
        return PQS_EXIT_USAGE;
    }
    uint8_t *msg = NULL, digest[64], *sig = malloc(alg->sig_bytes);
    size_t len = 0, sig_len = 0, ctx_len = o.ctx ? strlen(o.ctx) : 0;
    rc = sig ? load_message(&o, &msg, &len, digest) : PQS_EXIT_USAGE;
    if (rc == PQS_EXIT_OK) {
        const uint8_t *sk = pqs_key_private_bytes(key, NULL), *ctx = (const uint8_t *)o.ctx;
        int r = o.pure ? pqs_sig_sign(alg, sig, &sig_len, msg, len, ctx, ctx_len, sk, NULL)
                       : pqs_sig_sign_digest(alg, sig, &sig_len, o.prehash, digest, len, ctx, ctx_len, sk, NULL);
        if (r != PQS_OK) {
            pqs_cli_error("signing failed: %s", pqs_strerror(r));
            rc = PQS_EXIT_USAGE;
        }
    }
    if (rc == PQS_EXIT_OK) {
        char def[4096];
        const char *out = o.out;
        if (out == NULL) {
            snprintf(def, sizeof def, "%s.sig", strcmp(o.file, "-") ? o.file : "stdin");
            out = def;
        }
        rc = pqs_cli_write_output(out, sig, sig_len, 0644, o.force);
        if (rc == PQS_EXIT_OK && strcmp(out, "-") != 0)
            fprintf(stderr, "pqsafe: signed %s with %s (%s) -> %s\n", o.file, alg->name,
                    o.pure ? "pure" : o.prehash, out);
    }
    free(msg);
    free(sig);
    pqs_key_free(key);
    return rc;
}

int pqs_cmd_verify(int argc, char **argv)
{
    sign_opts o;
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe verify --key PUB --sig SIG [--ctx STRING] [--pure | --prehash HASH] FILE\n\n"
             "Verifies the detached signature SIG of FILE with the public (or private) key PUB,\n"
             "with the same mode and context the signer used (default: SHA2-512 pre-hash).\n"
             "exit status: 0 valid, 1 invalid signature, 2 usage or input error.");
        return PQS_EXIT_OK;
    }
    int rc = parse(argc, argv, &o, 1);
    if (rc != PQS_EXIT_OK)
        return rc;
    pqs_key *key = pqs_cli_load_key(o.key);
    const pqs_sig *alg = key ? signature_alg(key, o.key) : NULL;
    uint8_t *sig = NULL, *msg = NULL, digest[64];
    size_t sig_len = 0, len = 0, ctx_len = o.ctx ? strlen(o.ctx) : 0;
    if (alg == NULL) {
        pqs_key_free(key);
        return PQS_EXIT_USAGE;
    }
    if (pqs_read_file(o.sig, 1 << 20, &sig, &sig_len) != PQS_OK) {
        pqs_cli_error("%s", pqs_error_detail());
        rc = PQS_EXIT_USAGE;
    }
    if (rc == PQS_EXIT_OK)
        rc = load_message(&o, &msg, &len, digest);
    if (rc == PQS_EXIT_OK) {
        const uint8_t *pk = pqs_key_public_bytes(key, NULL), *ctx = (const uint8_t *)o.ctx;
        int r = o.pure ? pqs_sig_verify(alg, sig, sig_len, msg, len, ctx, ctx_len, pk)
                       : pqs_sig_verify_digest(alg, sig, sig_len, o.prehash, digest, len, ctx, ctx_len, pk);
        if (r == PQS_OK) {
            printf("%s: valid %s signature\n", o.file, alg->name);
        } else {
            printf("%s: INVALID signature (%s%s)\n", o.file, alg->name,
                   sig_len != alg->sig_bytes ? ", wrong signature length" : "");
            rc = PQS_EXIT_INVALID;
        }
    }
    free(sig);
    free(msg);
    pqs_key_free(key);
    return rc;
}
