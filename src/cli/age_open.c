/* pqsafe open: decrypt age files (binary or armored) with identity files or a
 * passphrase; a directory of .age files is opened back into a mirror tree. The output
 * appears only once the whole file has authenticated; a tampered or truncated file
 * leaves nothing behind. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "age_cli.h"
#include "cli.h"
#include "core/error.h"

typedef struct {
    pqs_age_identity **ids;
    size_t n;
    const char *out;
    int force;
    pqs_age_options o;
    age_cli_pass_cache pass;
} open_ctx;

static void open_usage(FILE *f)
{
    fputs("usage: pqsafe open [-i IDENTITY_FILE]... [-o OUT] [FILE | DIR | -]\n"
          "\n"
          "Decrypt an age file (binary or ASCII-armored; standard input when absent or '-')\n"
          "with the identities in IDENTITY_FILE (AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...,\n"
          "as age-keygen and pqsafe age-keygen write them). A passphrase-protected file asks\n"
          "for its passphrase on the terminal, or reads $PQSAFE_PASSPHRASE. A DIR of .age\n"
          "files is opened into the directory OUT as a mirror tree without the .age suffix.\n"
          "\n"
          "  -i, --identity FILE  identity file ('-': standard input); repeatable. One that\n"
          "                       is itself sealed with a passphrase (seal -p, age -p) asks\n"
          "                       for that passphrase\n"
          "  -o, --output OUT     output file (default standard output, also '-'), or directory\n"
          "  -f, --force          replace existing outputs\n"
          "  -j, --threads N      threads (default: one per core)\n"
          "                       for a DIR: files up to 64 MiB N at a time, larger\n"
          "                       ones each with N threads\n"
          "\n"
          "Only authenticated plaintext is ever written, and an output file appears only\n"
          "once the whole file has authenticated.\n"
          "\n"
          "exit status: 0 success, 1 the file does not decrypt or authenticate (no matching\n"
          "identity, altered, truncated or reordered), 2 usage or malformed input.\n", f);
}

static int open_op(void *ctx, int out_fd, int in_fd, pqs_age_options *o, int *failure)
{
    open_ctx *s = ctx;
    int rc = pqs_age_decrypt_fd(out_fd, in_fd, (const pqs_age_identity *const *)s->ids, s->n, o,
                                failure);
    if (*failure == PQS_AGE_FAIL_NO_MATCH && s->n == 1 && !age_cli_pass_asked(&s->pass)) {
        /* Not a "no match": a usage error, reported once by the caller. */
        *failure = PQS_AGE_FAIL_OTHER;
        rc = pqs_error_set(PQS_E_INVALID_ARG, "no identity given (-i) and the file is not "
                           "passphrase-protected");
    }
    return rc;
}

static int open_tree(open_ctx *s, const char *dir)
{
    if (s->out == NULL) {
        pqs_cli_error("open: opening the directory %s needs -o OUTDIR", dir);
        return PQS_EXIT_USAGE;
    }
    /* Checked before anything is created: an output inside the input would be walked. */
    if (age_cli_is_inside(s->out, dir)) {
        pqs_cli_error("open: the output %s must be outside %s", s->out, dir);
        return PQS_EXIT_USAGE;
    }
    if (mkdir(s->out, 0700) != 0 && errno != EEXIST) {
        pqs_cli_error("open: cannot create %s: %s", s->out, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    if (!age_cli_is_dir(s->out)) {
        pqs_cli_error("open: %s exists and is not a directory (a directory is opened "
                      "into a directory)", s->out);
        return PQS_EXIT_USAGE;
    }
    age_cli_tree t = {.cmd = "open", .verb = "opening", .out_dir = s->out,
                      .file_mode = 0600, .dir_mode = 0700, .flags = s->force ? AGE_CLI_FORCE : 0,
                      .naming = AGE_CLI_STRIP_AGE, .op = open_op, .ctx = s, .o = &s->o};
    return age_cli_tree_run(&t, dir);
}

/* Parse the options into s; returns -1 to go on, or an exit code. */
static int open_options(open_ctx *s, int argc, char **argv)
{
    static const struct option opts[] = {{"identity", required_argument, NULL, 'i'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"threads", required_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c, rc = 0, ids_from_stdin = 0;
    opterr = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, "i:o:fj:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (strcmp(optarg, "-") == 0 || strcmp(optarg, "/dev/stdin") == 0) {
                /* read once the input is known (below) */
                ids_from_stdin = 1;
                break;
            }
            if ((rc = age_cli_load_identities(&s->ids, &s->n, optarg)) != 0) {
                age_cli_report("open", optarg, rc, PQS_AGE_OK);
                return PQS_EXIT_USAGE;
            }
            break;
        case 'o': s->out = strcmp(optarg, "-") == 0 ? NULL : optarg; break;
        case 'f': s->force = 1; break;
        case 'j':
            if (age_cli_parse_uint(optarg, AGE_CLI_MAX_THREADS, &s->o.threads) != 0)
                return age_cli_usage_error("open", "invalid thread count");
            break;
        case 'h': open_usage(stdout); return PQS_EXIT_OK;
        default: return age_cli_bad_option("open", argv);
        }
    }
    if (optind + 1 < argc)
        return age_cli_usage_error("open", "at most one input");
    if (ids_from_stdin && (optind == argc || strcmp(argv[optind], "-") == 0))
        return age_cli_usage_error("open", "-i - reads the identities from standard input, so "
                                           "the file to open must be named");
    if (ids_from_stdin && (rc = age_cli_load_identities(&s->ids, &s->n, "-")) != 0) {
        age_cli_report("open", "-i -", rc, PQS_AGE_OK);
        return PQS_EXIT_USAGE;
    }
    /* Last, the passphrase identity: asked for only when a file has an scrypt stanza. */
    pqs_age_identity *pass = NULL;
    pqs_age_identity **ids = realloc(s->ids, (s->n + 1) * sizeof *ids);
    if (ids == NULL || pqs_age_identity_passphrase_cb(&pass, age_cli_pass_cb, &s->pass, 0) != 0) {
        if (ids != NULL)
            s->ids = ids;
        pqs_cli_error("open: out of memory");
        return PQS_EXIT_USAGE;
    }
    ids[s->n++] = pass;
    s->ids = ids;
    return -1;
}

int pqs_cmd_open(int argc, char **argv)
{
    open_ctx *s = calloc(1, sizeof *s);
    if (s == NULL)
        return PQS_EXIT_USAGE;
    int code = open_options(s, argc, argv);
    const char *in = optind < argc ? argv[optind] : NULL;
    if (code < 0)
        code = in != NULL && age_cli_is_dir(in)
                   ? open_tree(s, in)
                   : age_cli_run_file("open", in, s->out, s->force ? AGE_CLI_FORCE : 0, 0600, open_op, s, &s->o,
                                      "opening");
    pqs_age_identities_free(s->ids, s->n);
    age_cli_pass_cache_wipe(&s->pass);
    free(s);
    return code;
}
