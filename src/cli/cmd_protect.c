/* pqsafe protect: sign a model directory (model_signing v1.0 bundle over the plaintext
 * files) and seal every file, the bundle included, for age recipients into OUT_DIR.
 * Output appears only when complete: everything is written into a temporary directory
 * beside OUT_DIR and renamed into place at the end. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "cli_util.h"
#include "protect_util.h"

static const char *PROTECT_HELP =
    "usage: pqsafe protect MODEL_DIR --sign-key SIGNER.pem [--hybrid-key ED25519.pem]\n"
    "                      --to RECIPIENT... [-R RECIPIENTS_FILE]... [-j N] -o OUT_DIR\n"
    "\n"
    "Protects a model for distribution and storage:\n"
    "  1. signs it (a model_signing v1.0 bundle, ML-DSA or SLH-DSA by the key; with\n"
    "     --hybrid-key also Ed25519), so tampering and impersonation are detected;\n"
    "  2. seals every file and the bundle in the age format for the recipients\n"
    "     (age1pq1... = ML-KEM-768 + X25519, safe against store-now-decrypt-later).\n"
    "OUT_DIR mirrors MODEL_DIR with .age files plus model.sig.age; it must not exist.\n"
    "Files up to 64 MiB are sealed N at a time (-j, default one per core), larger ones\n"
    "one after another with every core.\n"
    "Unprotect with 'pqsafe unprotect'. Interrupted or failed, it leaves nothing behind.\n"
    "\n"
    "exit status: 0 protected, 2 a usage or input error (bad key or recipient, OUT_DIR\n"
    "exists, a file that cannot be read or written).\n";

/* Files model signing leaves out by default, never sealed either (nor what they hold). */
static int ignored(const char *rel)
{
    static const char *names[] = {".git", ".gitattributes", ".github", ".gitignore", "model.sig"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (strncmp(rel, names[i], n) == 0 && (rel[n] == '\0' || rel[n] == '/'))
            return 1;
    }
    return 0;
}

typedef struct {
    pqs_age_recipient **rs;
    size_t n_rs;
    protect_tally tally;
} seal_ctx;

/* One file, run by a worker of the tree (or for the bundle at the end). */
static int seal_op(void *ctx, int out_fd, int in_fd, pqs_age_options *o, int *failure)
{
    seal_ctx *c = ctx;
    *failure = PQS_AGE_OK;
    int rc = pqs_age_encrypt_fd(out_fd, in_fd, (const pqs_age_recipient *const *)c->rs, c->n_rs, o);
    if (rc == PQS_OK)
        protect_tally_add(&c->tally, in_fd, out_fd);
    return rc;
}

typedef struct {
    const char *model, *key, *hybrid, *out;
    pqs_age_recipient **rs;
    size_t n_rs;
    unsigned threads;         /* -j; 0 for one per core */
} protect_opts;

static int parse(int argc, char **argv, protect_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int takes = !strcmp(a, "--sign-key") || !strcmp(a, "--hybrid-key") || !strcmp(a, "--to") ||
                    !strcmp(a, "-r") || !strcmp(a, "-R") || !strcmp(a, "-o") || !strcmp(a, "-j");
        if (takes && (v = pqs_cli_value(argc, argv, &i)) == NULL)
            return PQS_EXIT_USAGE;
        if (!strcmp(a, "--sign-key"))
            o->key = v;
        else if (!strcmp(a, "--hybrid-key"))
            o->hybrid = v;
        else if (!strcmp(a, "--to") || !strcmp(a, "-r")) {
            if (protect_add_recipient(&o->rs, &o->n_rs, v) != 0)
                return PQS_EXIT_USAGE;
        } else if (!strcmp(a, "-R")) {
            if (protect_add_recipient_file(&o->rs, &o->n_rs, v) != 0)
                return PQS_EXIT_USAGE;
        } else if (!strcmp(a, "-o"))
            o->out = v;
        else if (!strcmp(a, "-j")) {
            if (age_cli_parse_uint(v, AGE_CLI_MAX_THREADS, &o->threads) != 0)
                return age_cli_usage_error("protect", "invalid thread count");
        } else if (a[0] != '-' && o->model == NULL)
            o->model = a;
        else {
            pqs_cli_error("protect: unexpected argument '%s' (see 'pqsafe protect --help')", a);
            return PQS_EXIT_USAGE;
        }
    }
    int kinds = 0;
    for (size_t i = 0; i < o->n_rs; i++)
        kinds |= pqs_age_recipient_type(o->rs[i]) == PQS_AGE_MLKEM768X25519 ? 1 : 2;
    if (kinds == 3) {
        pqs_cli_error("protect: post-quantum (age1pq1) recipients cannot be mixed with classical ones: "
                      "the files would not be quantum-safe");
        return PQS_EXIT_USAGE;
    }
    if (o->model == NULL || o->key == NULL || o->out == NULL || o->n_rs == 0) {
        pqs_cli_error("protect needs MODEL_DIR --sign-key KEY --to RECIPIENT -o OUT_DIR");
        return PQS_EXIT_USAGE;
    }
    if (!age_cli_is_dir(o->model)) {
        pqs_cli_error("protect: %s is not a directory", o->model);
        return PQS_EXIT_USAGE;
    }
    if (access(o->out, F_OK) == 0) {
        pqs_cli_error("protect: %s already exists; choose a new output directory", o->out);
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

static int sign_model(const protect_opts *o, protect_signer *s, const char *tmp)
{
    char sig[PATH_MAX + 16];
    snprintf(sig, sizeof sig, "%s/model.sig", tmp);
    pqs_model_options mo = {0};
    mo.signature_path = sig;
    double t = protect_now();
    if (pqs_model_sign(o->model, &s->mk, &mo) != 0) {
        pqs_cli_error("protect: cannot sign %s: %s", o->model, pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    printf("  signed   %-36s %s%s  %.2f s\n", o->model, s->mk.alg->name,
           s->ed25519_pem ? " + Ed25519" : "", protect_now() - t);
    return PQS_EXIT_OK;
}

static const char *recipient_kinds(pqs_age_recipient **rs, size_t n)
{
    int pq = 0, classic = 0;
    for (size_t i = 0; i < n; i++) {
        pq |= pqs_age_recipient_type(rs[i]) == PQS_AGE_MLKEM768X25519;
        classic |= pqs_age_recipient_type(rs[i]) != PQS_AGE_MLKEM768X25519;
    }
    (void)classic;   /* age refuses to mix the two kinds */
    return pq ? "mlkem768x25519 (ML-KEM-768 + X25519)"
              : "X25519 or passphrase only: NOT quantum-safe (use age1pq1 recipients)";
}

/* Seal the model's files into tmp (several at a time), then the bundle. */
static int seal_model(protect_opts *o, seal_ctx *c, const char *tmp)
{
    pqs_age_options ao = {0};
    ao.threads = o->threads;
    age_cli_tree t = {.cmd = "protect", .verb = "sealing", .out_dir = tmp, .file_mode = 0644,
                      .dir_mode = 0755, .flags = AGE_CLI_STAGED, .naming = AGE_CLI_ADD_AGE, .skip = ignored,
                      .op = seal_op, .ctx = c, .o = &ao};
    char sig[PATH_MAX + 16], sealed[PATH_MAX + 16];
    snprintf(sig, sizeof sig, "%s/model.sig", tmp);
    snprintf(sealed, sizeof sealed, "%s/model.sig.age", tmp);
    int rc = age_cli_tree_run(&t, o->model);
    if (rc == 0)
        rc = age_cli_run_file("protect", sig, sealed, AGE_CLI_STAGED, 0644, seal_op, c, &ao, "sealing");
    unlink(sig);
    return rc;
}

static int run(protect_opts *o, protect_signer *s, char *tmp)
{
    char a[32], b[32];
    seal_ctx c = {.rs = o->rs, .n_rs = o->n_rs};
    protect_tally_init(&c.tally);
    int rc = sign_model(o, s, tmp);
    double t = protect_now();
    if (rc == 0)
        rc = seal_model(o, &c, tmp);
    double dt = protect_now() - t;
    if (rc == 0)
        printf("  sealed   %llu files, %s -> %s  age v1, %zu recipient%s: %s  %.2f s (%.0f MiB/s)\n",
               c.tally.files, protect_size(a, c.tally.bytes_in), protect_size(b, c.tally.bytes_out),
               o->n_rs, o->n_rs == 1 ? "" : "s", recipient_kinds(o->rs, o->n_rs), dt,
               dt > 0 ? (double)c.tally.bytes_in / (1 << 20) / dt : 0.0);
    protect_tally_destroy(&c.tally);
    return rc == 0 ? protect_commit_dir(tmp, o->out) : rc;
}

int pqs_cmd_protect(int argc, char **argv)
{
    protect_opts o = {0};
    protect_signer s;
    char tmp[PATH_MAX];
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(PROTECT_HELP, stdout);
        return PQS_EXIT_OK;
    }
    int rc = parse(argc, argv, &o);
    if (rc == 0)
        rc = protect_load_signer(&s, o.key, o.hybrid, 1);
    else
        memset(&s, 0, sizeof s);
    if (rc == 0 && age_cli_is_inside(o.out, o.model)) {
        pqs_cli_error("protect: the output %s must be outside the model %s", o.out, o.model);
        rc = PQS_EXIT_USAGE;
    }
    if (rc == 0)
        rc = protect_make_temp_dir(tmp, sizeof tmp, o.out);
    if (rc == 0) {
        printf("pqsafe protect %s -> %s\n", o.model, o.out);
        rc = run(&o, &s, tmp);
        if (rc != 0)
            protect_remove_tree(tmp);
        else
            printf("  done     %s is ready to ship; open it with 'pqsafe unprotect'\n", o.out);
    }
    protect_signer_free(&s);
    pqs_age_recipients_free(o.rs, o.n_rs);
    return rc;
}
