/* pqsafe unprotect: open a protected model into a temporary directory, verify the
 * signature and every file digest, and move the model into place only when all of it
 * holds; otherwise nothing is left behind and the message names the failing file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "cli_util.h"
#include "protect_util.h"

static const char *UNPROTECT_HELP =
    "usage: pqsafe unprotect PROTECTED_DIR -i IDENTITY... --verify-key SIGNER.pub.pem\n"
    "                        [--hybrid-key ED25519.pub.pem] -o MODEL_DIR\n"
    "\n"
    "Opens every .age file of PROTECTED_DIR (made by 'pqsafe protect') with the age\n"
    "identities, verifies the model signature with the signer's public key and every\n"
    "file against it, and only then moves the model to MODEL_DIR (which must not exist).\n"
    "On any failure nothing is left behind and the failing file is named.\n"
    "exit status: 0 verified, 1 a file does not decrypt or the model does not verify,\n"
    "2 usage or input error.\n";

typedef struct {
    const char *out;
    pqs_age_identity **ids;
    size_t n_ids;
    unsigned long long files, bytes;
    int exit_code;
} open_ctx;

static int open_one(open_ctx *c, const char *path, const char *rel)
{
    char dst[PATH_MAX];
    size_t n = strlen(rel);
    if (n < 5 || strcmp(rel + n - 4, ".age") != 0) {
        pqs_cli_error("unprotect: %s is not a sealed file (.age); was the directory made by 'pqsafe protect'?", rel);
        return PQS_EXIT_USAGE;
    }
    if (snprintf(dst, sizeof dst, "%s/%.*s", c->out, (int)(n - 4), rel) >= (int)sizeof dst)
        return PQS_EXIT_USAGE;
    int in = open(path, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    int failure = PQS_AGE_OK;
    int rc = in < 0 || out < 0 ? PQS_E_IO : PQS_OK;
    if (rc == PQS_OK)
        rc = pqs_age_decrypt_fd(out, in, (const pqs_age_identity *const *)c->ids, c->n_ids, NULL, &failure);
    struct stat st;
    if (rc == PQS_OK && fstat(out, &st) == 0) {
        c->bytes += (unsigned long long)st.st_size;
        c->files++;
    }
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    if (rc != PQS_OK) {
        pqs_cli_error("unprotect: %s: %s: %s", rel, pqs_age_failure_name(failure),
                      pqs_error_detail()[0] ? pqs_error_detail() : strerror(errno));
        return age_cli_exit(rc, failure);
    }
    return PQS_EXIT_OK;
}

static int open_visit(void *ctx, const char *path, const char *rel, int is_dir)
{
    open_ctx *c = ctx;
    return is_dir ? age_cli_mirror_dir(c->out, rel, 0755) : open_one(c, path, rel);
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
} unprotect_opts;

static int parse(int argc, char **argv, unprotect_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int takes = !strcmp(a, "-i") || !strcmp(a, "--verify-key") || !strcmp(a, "--hybrid-key") ||
                    !strcmp(a, "-o");
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
        else if (a[0] != '-' && o->in == NULL)
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
    char tmp[PATH_MAX], size[32];
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(UNPROTECT_HELP, stdout);
        return PQS_EXIT_OK;
    }
    memset(&s, 0, sizeof s);
    int rc = parse(argc, argv, &o);
    if (rc == 0)
        rc = protect_load_signer(&s, o.key, o.hybrid, 0);
    if (rc == 0)
        rc = protect_make_temp_dir(tmp, sizeof tmp, o.out);
    if (rc == 0) {
        open_ctx c = {tmp, o.ids, o.n_ids, 0, 0, 0};
        printf("pqsafe unprotect %s -> %s\n", o.in, o.out);
        double t = protect_now();
        rc = age_cli_walk(o.in, open_visit, &c);
        if (rc == 0)
            printf("  opened   %llu files, %s  %.2f s\n", c.files, protect_size(size, c.bytes),
                   protect_now() - t);
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
