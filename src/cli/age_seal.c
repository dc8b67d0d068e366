/* pqsafe seal: model weights and datasets sealed at rest in the age v1 format, for
 * post-quantum (age1pq1), X25519 (age1) or passphrase recipients; a directory becomes a
 * mirror tree of .age files. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"

typedef struct {
    pqs_age_recipient **rs;
    size_t n;
    const char *out_dir;
    int force, to_stdout;   /* to_stdout: -o -, binary to standard output even a terminal */
    pqs_age_options o;
} seal_ctx;

static void seal_usage(FILE *f)
{
    fputs("usage: pqsafe seal (-r RECIPIENT | -R FILE)... [-a] [-o OUT] [FILE | DIR | -]\n"
          "       pqsafe seal --passphrase [-a] [-o OUT] [FILE | DIR | -]\n"
          "\n"
          "Encrypt FILE (standard input when absent or '-') in the age v1 format, readable by\n"
          "any age implementation. A DIR is sealed into the directory OUT as a mirror tree\n"
          "of FILE.age files. Outputs appear only once complete (temporary file, renamed).\n"
          "\n"
          "  -r, --recipient R        age1pq1... (post-quantum) or age1... (X25519); repeatable\n"
          "  -R, --recipients-file F  one recipient per line, '#' comments; repeatable\n"
          "  -p, --passphrase         encrypt with a passphrase (scrypt), alone; read from\n"
          "                           $PQSAFE_PASSPHRASE or the terminal\n"
          "      --work-factor N      scrypt work factor 2^N, 1 to 22 (default 18)\n"
          "  -a, --armor              PEM-like ASCII armor\n"
          "  -o, --output OUT         output file (default standard output), or directory;\n"
          "                           '-o -' writes binary even to a terminal\n"
          "  -f, --force              replace existing outputs\n"
          "  -j, --threads N          threads (default: one per core)\n"
          "                           for a DIR: files up to 64 MiB N at a time, larger\n"
          "                           ones each with N threads\n"
          "\n"
          "Post-quantum and classic recipients are not mixed: the file would not be\n"
          "quantum-safe.\n"
          "\n"
          "exit status: 0 success, 2 usage or input error.\n", f);
}

static int add_recipient(seal_ctx *s, pqs_age_recipient *r)
{
    pqs_age_recipient **p = realloc(s->rs, (s->n + 1) * sizeof *p);
    if (p == NULL) {
        pqs_age_recipient_free(r);
        return PQS_E_NOMEM;
    }
    p[s->n++] = r;
    s->rs = p;
    return 0;
}

static int add_recipients_file(seal_ctx *s, const char *path)
{
    pqs_age_recipient **rs = NULL;
    size_t n = 0;
    int rc = pqs_age_recipient_load(&rs, &n, path);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = add_recipient(s, rs[i]);
        rs[i] = NULL;
    }
    pqs_age_recipients_free(rs, n);
    return rc;
}

static int add_passphrase(seal_ctx *s, unsigned work_factor)
{
    char pass[AGE_CLI_MAX_PASS];
    size_t len = 0;
    int rc = age_cli_passphrase(pass, sizeof pass, &len, "Enter passphrase: ", 1);
    pqs_age_recipient *r = NULL;
    if (rc == 0 && (rc = pqs_age_recipient_passphrase(&r, pass, len, work_factor)) == 0)
        rc = add_recipient(s, r);
    pqs_wipe(pass, sizeof pass);
    return rc;
}

static int seal_op(void *ctx, int out_fd, int in_fd, pqs_age_options *o, int *failure)
{
    seal_ctx *s = ctx;
    *failure = PQS_AGE_OK;
    return pqs_age_encrypt_fd(out_fd, in_fd, (const pqs_age_recipient *const *)s->rs, s->n, o);
}

static int seal_tree(seal_ctx *s, const char *dir)
{
    if (s->out_dir == NULL) {
        pqs_cli_error("seal: sealing the directory %s needs -o OUTDIR", dir);
        return PQS_EXIT_USAGE;
    }
    /* Checked before anything is created: an output inside the input would be walked. */
    if (age_cli_is_inside(s->out_dir, dir)) {
        pqs_cli_error("seal: the output %s must be outside %s", s->out_dir, dir);
        return PQS_EXIT_USAGE;
    }
    if (mkdir(s->out_dir, 0755) != 0 && errno != EEXIST) {
        pqs_cli_error("seal: cannot create %s: %s", s->out_dir, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    if (!age_cli_is_dir(s->out_dir)) {
        pqs_cli_error("seal: %s exists and is not a directory (a directory is sealed "
                      "into a directory)", s->out_dir);
        return PQS_EXIT_USAGE;
    }
    age_cli_tree t = {.cmd = "seal", .verb = "sealing", .out_dir = s->out_dir,
                      .file_mode = 0644, .dir_mode = 0755, .flags = s->force ? AGE_CLI_FORCE : 0,
                      .naming = AGE_CLI_ADD_AGE, .op = seal_op, .ctx = s, .o = &s->o};
    return age_cli_tree_run(&t, dir);
}

/* Parse the options into s; returns -1 to go on, or an exit code. */
static int seal_options(seal_ctx *s, int argc, char **argv)
{
    static const struct option opts[] = {
        {"recipient", required_argument, NULL, 'r'}, {"recipients-file", required_argument, NULL, 'R'},
        {"passphrase", no_argument, NULL, 'p'},      {"work-factor", required_argument, NULL, 'w'},
        {"armor", no_argument, NULL, 'a'},           {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'f'},           {"threads", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
    int c, pass = 0, rc = 0;
    unsigned wf = 0;
    opterr = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, "r:R:pao:fj:h", opts, NULL)) != -1) {
        pqs_age_recipient *r = NULL;
        switch (c) {
        case 'r':
            if ((rc = pqs_age_recipient_parse(&r, optarg, strlen(optarg))) == 0)
                rc = add_recipient(s, r);
            else if (strncmp(optarg, "AGE-SECRET-KEY-", 15) == 0)   /* never echo a key */
                pqs_cli_error("seal: -r was given a secret key (AGE-SECRET-KEY-...), not a "
                              "recipient; 'pqsafe age-recipient' prints its recipient");
            else
                age_cli_report("seal", *optarg ? optarg : "-r ''", rc, PQS_AGE_OK);
            break;
        case 'R':
            if ((rc = add_recipients_file(s, optarg)) != 0)
                age_cli_report("seal", optarg, rc, PQS_AGE_OK);
            break;
        case 'p': pass = 1; break;
        case 'w':
            /* Above 22 neither pqsafe open nor age opens the file (age's limit). */
            if (age_cli_parse_uint(optarg, 22, &wf) != 0 || wf == 0)
                return age_cli_usage_error("seal", "--work-factor must be 1 to 22 (above 22, "
                                                   "neither pqsafe open nor age opens the file)");
            break;
        case 'a': s->o.armor = PQS_AGE_ARMOR_YES; break;
        case 'o':
            s->to_stdout = strcmp(optarg, "-") == 0;
            s->out_dir = s->to_stdout ? NULL : optarg;
            break;
        case 'f': s->force = 1; break;
        case 'j':
            if (age_cli_parse_uint(optarg, AGE_CLI_MAX_THREADS, &s->o.threads) != 0)
                return age_cli_usage_error("seal", "invalid thread count");
            break;
        case 'h': seal_usage(stdout); return PQS_EXIT_OK;
        default: return age_cli_bad_option("seal", argv);
        }
    }
    if (rc != 0)
        return PQS_EXIT_USAGE;
    if (optind + 1 < argc)
        return age_cli_usage_error("seal", "at most one input");
    if (pass && s->n > 0)
        return age_cli_usage_error("seal", "give recipients (-r, -R) or --passphrase, not both");
    if (!pass && s->n == 0)
        return age_cli_usage_error("seal", "no recipients: give -r, -R or --passphrase");
    if (!pass && wf != 0)
        return age_cli_usage_error("seal", "--work-factor is for --passphrase only");
    size_t pq = 0;
    for (size_t i = 0; i < s->n; i++)
        pq += pqs_age_recipient_type(s->rs[i]) == PQS_AGE_MLKEM768X25519;
    if (pq > 0 && pq < s->n) {   /* said before any input is read, about the recipients */
        pqs_cli_error("seal: %zu post-quantum (age1pq1) and %zu classic (age1) recipients: "
                      "they cannot be mixed, the file would not be quantum-safe", pq, s->n - pq);
        return PQS_EXIT_USAGE;
    }
    if (pass && (rc = add_passphrase(s, wf)) != 0) {
        age_cli_report("seal", "passphrase", rc, PQS_AGE_OK);
        return PQS_EXIT_USAGE;
    }
    return -1;
}

int pqs_cmd_seal(int argc, char **argv)
{
    seal_ctx s;
    memset(&s, 0, sizeof s);
    int code = seal_options(&s, argc, argv);
    const char *in = optind < argc ? argv[optind] : NULL;
    if (code >= 0) {
        /* done: help or a usage error */
    } else if (in != NULL && age_cli_is_dir(in)) {
        code = seal_tree(&s, in);
    } else if (s.out_dir == NULL && !s.to_stdout && s.o.armor != PQS_AGE_ARMOR_YES &&
               isatty(STDOUT_FILENO)) {
        pqs_cli_error("seal: refusing to write binary output to a terminal (use -o FILE or "
                      "--armor, or force it with -o -)");
        code = PQS_EXIT_USAGE;
    } else {
        code = age_cli_run_file("seal", in, s.out_dir, s.force ? AGE_CLI_FORCE : 0, 0644, seal_op, &s, &s.o, "sealing");
    }
    pqs_age_recipients_free(s.rs, s.n);
    return code;
}
