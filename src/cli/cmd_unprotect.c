/* pqsafe unprotect: open a protected model into a temporary directory, verify the
 * signature and every file digest, and move the model into place only when all of it
 * holds; otherwise nothing is left behind and the message names the failing file. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "cli_util.h"
#include "protect_util.h"

static const char *UNPROTECT_HELP =
    "usage: pqsafe unprotect PROTECTED_DIR -i IDENTITY... --verify-key SIGNER.pub.pem\n"
    "                        [--hybrid-key ED25519.pub.pem] [-j N] -o MODEL_DIR\n"
    "\n"
    "Opens every .age file of PROTECTED_DIR (made by 'pqsafe protect') with the age\n"
    "identities, verifies the model signature with the signer's public key and every\n"
    "file against it, and only then moves the model to MODEL_DIR (which must not exist).\n"
    "On any failure nothing is left behind and the failing file is named. Files up to\n"
    "64 MiB are opened N at a time (-j, default one per core), larger ones one after\n"
    "another with every core.\n"
    "exit status: 0 verified, 1 a file does not decrypt or the model does not verify,\n"
    "2 usage or input error.\n";

typedef struct {
    pqs_age_identity **ids;
    size_t n_ids;
    protect_tally tally;
} open_ctx;

/* One file, run by a worker of the tree. */
static int open_op(void *ctx, int out_fd, int in_fd, pqs_age_options *o, int *failure)
{
    open_ctx *c = ctx;
    int rc = pqs_age_decrypt_fd(out_fd, in_fd, (const pqs_age_identity *const *)c->ids,
                                c->n_ids, o, failure);
    if (rc == PQS_OK)
        protect_tally_add(&c->tally, in_fd, out_fd);
    return rc;
}

/* Open every sealed file of the protected directory into tmp (several at a time). */
static int open_model(const char *in, open_ctx *c, unsigned threads, const char *tmp)
{
    char size[32];
    pqs_age_options ao = {0};
    ao.threads = threads;
    age_cli_tree t = {.cmd = "unprotect", .verb = "opening", .out_dir = tmp, .file_mode = 0644,
                      .dir_mode = 0755, .flags = AGE_CLI_STAGED, .naming = AGE_CLI_STRIP_AGE_STRICT, .op = open_op,
                      .ctx = c, .o = &ao};
    double t0 = protect_now();
    int rc = age_cli_tree_run(&t, in);
    if (rc == 0)
        printf("  opened   %llu files, %s  %.2f s\n", c->tally.files,
               protect_size(size, c->tally.bytes_out), protect_now() - t0);
    return rc;
}

/* Name every changed, missing and extra file the verification found. */
static void report_findings(const pqs_model_report *r)
{
    static const char *kinds[] = {"", "changed", "missing", "extra"};
    for (size_t i = 0; r != NULL && i < r->n_findings; i++)
        fprintf(stderr, "pqsafe: unprotect: %s: %s\n", r->findings[i].path,
                kinds[r->findings[i].kind < 4 ? r->findings[i].kind : 0]);
}

static int verify_model(const char *tmp, protect_signer *s)
{
    char sig[PATH_MAX + 16];
    snprintf(sig, sizeof sig, "%s/model.sig", tmp);
    if (access(sig, F_OK) != 0) {
        pqs_cli_error("unprotect: the protected directory has no model.sig.age: it is not signed");
        return PQS_EXIT_INVALID;
    }
    pqs_model_options mo = {0};
    pqs_model_report *report = NULL;
    mo.signature_path = sig;
    double t = protect_now();
    int rc = pqs_model_verify(tmp, &s->mk, &mo, &report);
    if (rc != 0) {
        report_findings(report);
        pqs_cli_error("unprotect: the model does not verify: %s", pqs_error_detail());
        pqs_model_report_free(report);
        return rc == PQS_E_VERIFY || rc == PQS_E_DECODE ? PQS_EXIT_INVALID : PQS_EXIT_USAGE;
    }
    printf("  verified %zu files against the %s signature (root %.16s...)  %.2f s\n",
           report->n_resources, report->algorithm, report->root_digest, protect_now() - t);
    pqs_model_report_free(report);
    return PQS_EXIT_OK;
}

typedef struct {
    const char *in, *key, *hybrid, *out;
    pqs_age_identity **ids;
    size_t n_ids;
    unsigned threads;         /* -j; 0 for one per core */
} unprotect_opts;

static int parse(int argc, char **argv, unprotect_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int takes = !strcmp(a, "-i") || !strcmp(a, "--verify-key") || !strcmp(a, "--hybrid-key") ||
                    !strcmp(a, "-o") || !strcmp(a, "-j");
        if (takes && (v = pqs_cli_value(argc, argv, &i)) == NULL)
            return PQS_EXIT_USAGE;
        if (!strcmp(a, "-i")) {
            if (age_cli_load_identities(&o->ids, &o->n_ids, v) != 0) {
                pqs_cli_error("unprotect: cannot read identities from %s: %s", v, pqs_error_detail());
                return PQS_EXIT_USAGE;
            }
        } else if (!strcmp(a, "--verify-key"))
            o->key = v;
        else if (!strcmp(a, "--hybrid-key"))
            o->hybrid = v;
        else if (!strcmp(a, "-o"))
            o->out = v;
        else if (!strcmp(a, "-j")) {
            if (age_cli_parse_uint(v, AGE_CLI_MAX_THREADS, &o->threads) != 0)
                return age_cli_usage_error("unprotect", "invalid thread count");
        } else if (a[0] != '-' && o->in == NULL)
            o->in = a;
        else {
            pqs_cli_error("unprotect: unexpected argument '%s' (see 'pqsafe unprotect --help')", a);
            return PQS_EXIT_USAGE;
        }
    }
    if (o->in == NULL || o->n_ids == 0 || o->key == NULL || o->out == NULL) {
        pqs_cli_error("unprotect needs PROTECTED_DIR -i IDENTITY --verify-key KEY -o MODEL_DIR");
        return PQS_EXIT_USAGE;
    }
    if (!age_cli_is_dir(o->in)) {
        pqs_cli_error("unprotect: %s is not a directory", o->in);
        return PQS_EXIT_USAGE;
    }
    if (access(o->out, F_OK) == 0) {
        pqs_cli_error("unprotect: %s already exists; choose a new output directory", o->out);
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

int pqs_cmd_unprotect(int argc, char **argv)
{
    unprotect_opts o = {0};
    protect_signer s;
    char tmp[PATH_MAX];
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(UNPROTECT_HELP, stdout);
        return PQS_EXIT_OK;
    }
    memset(&s, 0, sizeof s);
    int rc = parse(argc, argv, &o);
    if (rc == 0)
        rc = protect_load_signer(&s, o.key, o.hybrid, 0);
    if (rc == 0 && age_cli_is_inside(o.out, o.in)) {
        pqs_cli_error("unprotect: the output %s must be outside %s", o.out, o.in);
        rc = PQS_EXIT_USAGE;
    }
    if (rc == 0)
        rc = protect_make_temp_dir(tmp, sizeof tmp, o.out);
    if (rc == 0) {
        open_ctx c = {.ids = o.ids, .n_ids = o.n_ids};
        protect_tally_init(&c.tally);
        printf("pqsafe unprotect %s -> %s\n", o.in, o.out);
        rc = open_model(o.in, &c, o.threads, tmp);
        protect_tally_destroy(&c.tally);
        if (rc == 0)
            rc = verify_model(tmp, &s);
        if (rc == 0)
            rc = protect_commit_dir(tmp, o.out);
        if (rc != 0)
            protect_remove_tree(tmp);
        else
            printf("  done     %s verified and in place\n", o.out);
    }
    protect_signer_free(&s);
    pqs_age_identities_free(o.ids, o.n_ids);
    return rc;
}
