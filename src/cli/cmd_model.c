/* pqsafe model sign | verify: post-quantum signatures over a model directory, written as
 * model_signing v1.0 Sigstore bundles (see include/pqsafe/modelsign.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_util.h"
#include "core/file.h"
#include "model_cli.h"

#define HYBRID_KEY_MAX (1u << 20)

static const char *MODEL_HELP =
    "usage: pqsafe model sign MODEL --key KEY [options]\n"
    "       pqsafe model verify MODEL --key PUB [options]\n"
    "\n"
    "Signs a model directory with ML-DSA or SLH-DSA (optionally hybrid with Ed25519) into\n"
    "a Sigstore bundle in the model_signing v1.0 format of sigstore/model-transparency,\n"
    "and verifies it, naming every changed, missing and extra file.\n"
    "Run 'pqsafe model sign --help' or 'pqsafe model verify --help' for the options.\n";

static const char *SIGN_HELP =
    "usage: pqsafe model sign MODEL --key KEY [--hybrid-key ED25519.pem] [--shard-size N]\n"
    "                         [--ignore PATH]... [--allow-symlinks] [-o FILE]\n"
    "                         [--threads N] [--no-overwrite]\n"
    "\n"
    "Hashes every file of the directory MODEL (in parallel, SHA-256) and signs the\n"
    "manifest with the private key KEY (PKCS#8 PEM or DER; its algorithm, e.g. ML-DSA-65,\n"
    "decides the signature). Writes a Sigstore bundle (model_signing v1.0) to\n"
    "MODEL/model.sig, or FILE, atomically.\n"
    "\n"
    "  --hybrid-key F    also sign with this Ed25519 private key (PEM); verification\n"
    "                    then needs both keys and both signatures must hold\n"
    "  --shard-size N    hash files in shards of N bytes (method \"shards\") instead of\n"
    "                    whole files (method \"files\", the default)\n"
    "  --ignore PATH     leave PATH out (relative to MODEL, or absolute inside it);\n"
    "                    .git, .gitattributes, .github, .gitignore and the signature\n"
    "                    file are always left out\n"
    "  --allow-symlinks  hash the targets of symlinks (which must stay inside MODEL)\n"
    "  -o FILE           where to write the bundle (default MODEL/model.sig)\n"
    "  --threads N       hashing threads (default: one per CPU)\n"
    "  --no-overwrite    fail if the signature file exists\n"
    "\n"
    "The bundle records the signer's algorithm in each DSSE signature's keyid and the\n"
    "SHA-256 of its PEM public key in verificationMaterial.publicKey.hint.\n";

static const char *VERIFY_HELP =
    "usage: pqsafe model verify MODEL --key PUB [--hybrid-key ED25519.pub.pem]\n"
    "                           [--signature FILE] [--ignore-unsigned-files] [--json]\n"
    "                           [--threads N]\n"
    "\n"
    "Verifies MODEL against its bundle (MODEL/model.sig, or FILE) with the public key\n"
    "PUB (SubjectPublicKeyInfo PEM or DER; a private key works too). The key in the\n"
    "bundle is never used: the bundle must name PUB's algorithm and PUB's hint, its\n"
    "signature must verify, and every signed file must be present and unchanged.\n"
    "Symlinks are refused unless the signer allowed them; names that leave MODEL\n"
    "(absolute, '..') are refused.\n"
    "\n"
    "  --hybrid-key F           the Ed25519 public key of a hybrid bundle\n"
    "  --signature FILE         the bundle (default MODEL/model.sig)\n"
    "  --ignore-unsigned-files  files the manifest does not name are not an error\n"
    "  --json                   print the result as one JSON object\n"
    "  --threads N              hashing threads (default: one per CPU)\n"
    "\n"
    "exit status: 0 the model matches, 1 it does not (or the signature does not verify),\n"
    "2 a usage or input error.\n";

typedef struct {
    const char *model, *key, *hybrid, *sig;
    const char **ignore;
    size_t n_ignore;
    pqs_model_options opts;
    int json;
} model_args;

static int parse_count(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || v == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* One option (with its value) shared by sign and verify, or specific to one of them. */
static int parse_option(int argc, char **argv, int *i, int sign, model_args *a)
{
    const char *o = argv[*i], *v;
    uint64_t n;
    if (!strcmp(o, "--allow-symlinks") && sign)
        return a->opts.allow_symlinks = 1, 0;
    if (!strcmp(o, "--no-overwrite") && sign)
        return a->opts.no_overwrite = 1, 0;
    if (!strcmp(o, "--ignore-unsigned-files") && !sign)
        return a->opts.ignore_unsigned_files = 1, 0;
    if (!strcmp(o, "--json") && !sign)
        return a->json = 1, 0;
    int known = !strcmp(o, "--key") || !strcmp(o, "--hybrid-key") || !strcmp(o, "--threads") ||
                (sign && (!strcmp(o, "--shard-size") || !strcmp(o, "--ignore") ||
                          !strcmp(o, "-o") || !strcmp(o, "--output"))) ||
                (!sign && !strcmp(o, "--signature"));
    if (!known) {
        pqs_cli_error("unknown option '%s' (see 'pqsafe model %s --help')", o,
                      sign ? "sign" : "verify");
        return -1;
    }
    if ((v = pqs_cli_value(argc, argv, i)) == NULL)
        return -1;
    if (!strcmp(o, "--key"))
        a->key = v;
    else if (!strcmp(o, "--hybrid-key"))
        a->hybrid = v;
    else if (!strcmp(o, "--signature") || !strcmp(o, "-o") || !strcmp(o, "--output"))
        a->sig = v;
    else if (!strcmp(o, "--ignore"))
        a->ignore[a->n_ignore++] = v;
    else if (!strcmp(o, "--threads")) {
        if (parse_count(v, 1024, &n) != 0) {
            pqs_cli_error("--threads needs a number from 1 to 1024");
            return -1;
        }
        a->opts.threads = (unsigned)n;
    } else if (parse_count(v, 1ull << 53, &a->opts.shard_size) != 0) {
        pqs_cli_error("--shard-size needs a positive number of bytes");
        return -1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, int sign, model_args *a)
{
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            if (parse_option(argc, argv, &i, sign, a) != 0)
                return -1;
        } else if (a->model == NULL) {
            a->model = argv[i];
        } else {
            pqs_cli_error("more than one model directory given ('%s')", argv[i]);
            return -1;
        }
    }
    if (a->model == NULL || a->key == NULL) {
        pqs_cli_error("model %s needs MODEL and --key (see 'pqsafe model %s --help')",
                      sign ? "sign" : "verify", sign ? "sign" : "verify");
        return -1;
    }
    return 0;
}

/* The signature key (and the hybrid Ed25519 PEM) as the library wants them. */
static int load_keys(const model_args *a, int sign, pqs_key **key, uint8_t **ed, size_t *ed_len,
                     pqs_model_key *mk)
{
    if ((*key = pqs_cli_load_key(a->key)) == NULL)
        return -1;
    if (pqs_key_sig(*key) == NULL) {
        pqs_cli_error("%s holds a %s key; model signing needs ML-DSA or SLH-DSA", a->key,
                      pqs_key_alg(*key));
        return -1;
    }
    if (sign && !pqs_key_is_private(*key)) {
        pqs_cli_error("%s is a public key; signing needs the private key", a->key);
        return -1;
    }
    memset(mk, 0, sizeof *mk);
    mk->alg = pqs_key_sig(*key);
    mk->pk = pqs_key_public_bytes(*key, NULL);
    mk->sk = sign ? pqs_key_private_bytes(*key, NULL) : NULL;
    if (a->hybrid != NULL) {
        if (pqs_read_file(a->hybrid, HYBRID_KEY_MAX, ed, ed_len) != PQS_OK) {
            pqs_cli_error("cannot read the hybrid key: %s", pqs_error_detail());
            return -1;
        }
        mk->ed25519_pem = *ed;
        mk->ed25519_pem_len = *ed_len;
    }
    return 0;
}

static const char *detail_or(int rc)
{
    return pqs_error_detail()[0] ? pqs_error_detail() : pqs_strerror(rc);
}

static int run_sign(const model_args *a, const pqs_model_key *mk)
{
    pqs_model_options o = a->opts;
    o.ignore_paths = a->ignore;
    o.n_ignore_paths = a->n_ignore;
    o.signature_path = a->sig;
    model_progress p;
    model_progress_attach(&p, &o);
    int rc = pqs_model_sign(a->model, mk, &o);
    model_progress_end(&p);
    if (rc != PQS_OK) {
        pqs_cli_error("cannot sign %s: %s", a->model, detail_or(rc));
        return PQS_EXIT_USAGE;
    }
    fprintf(stderr, "signed %s with %s%s (%s method) -> %s%s%s\n", a->model, mk->alg->name,
            mk->ed25519_pem ? "+Ed25519" : "", o.shard_size ? "shards" : "files",
            a->sig ? a->sig : a->model, a->sig ? "" : "/", a->sig ? "" : PQS_MODEL_SIGNATURE_FILE);
    return PQS_EXIT_OK;
}

static int run_verify(const model_args *a, const pqs_model_key *mk)
{
    pqs_model_options o = a->opts;
    o.signature_path = a->sig;
    model_progress p;
    model_progress_attach(&p, &o);
    pqs_model_report *r = NULL;
    int rc = pqs_model_verify(a->model, mk, &o, &r);
    model_progress_end(&p);
    const char *why = detail_or(rc);
    if (a->json)
        model_print_json(a->model, r, rc, why);
    else
        model_print_text(a->model, r, rc);
    if (rc != PQS_OK)
        pqs_cli_error("%s: %s", rc == PQS_E_VERIFY ? "verification FAILED" : "cannot verify", why);
    pqs_model_report_free(r);
    return rc == PQS_OK ? PQS_EXIT_OK : rc == PQS_E_VERIFY ? PQS_EXIT_INVALID : PQS_EXIT_USAGE;
}

int pqs_cmd_model(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    int sign = !strcmp(sub, "sign");
    if (!sign && strcmp(sub, "verify") != 0) {
        if (pqs_cli_wants_help(argc, argv) || !strcmp(sub, "help")) {
            fputs(MODEL_HELP, stdout);
            return PQS_EXIT_OK;
        }
        if (sub[0] == '\0')
            pqs_cli_error("model needs a subcommand: sign or verify (see 'pqsafe model --help')");
        else
            pqs_cli_error("model: unknown subcommand '%s' (see 'pqsafe model --help')", sub);
        return PQS_EXIT_USAGE;
    }
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(sign ? SIGN_HELP : VERIFY_HELP, stdout);
        return PQS_EXIT_OK;
    }
    model_args a;
    memset(&a, 0, sizeof a);
    a.ignore = calloc((size_t)argc, sizeof *a.ignore);
    pqs_key *key = NULL;
    uint8_t *ed = NULL;
    size_t ed_len = 0;
    pqs_model_key mk;
    int rc = PQS_EXIT_USAGE;
    if (a.ignore != NULL && parse_args(argc, argv, sign, &a) == 0 &&
        load_keys(&a, sign, &key, &ed, &ed_len, &mk) == 0)
        rc = sign ? run_sign(&a, &mk) : run_verify(&a, &mk);
    if (ed != NULL)
        pqs_wipe(ed, ed_len);
    free(ed);
    pqs_key_free(key);
    free(a.ignore);
    return rc;
}
