/* pqsafe age-keygen and age-recipient: age identities and their recipients, in the file
 * format age-keygen writes (so age -i and age-encryption read them). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "core/file.h"

static void keygen_usage(FILE *f)
{
    fputs("usage: pqsafe age-keygen [-o FILE] [--classic] [--force]\n"
          "\n"
          "Generate an age identity: post-quantum mlkem768x25519 (AGE-SECRET-KEY-PQ-1...) by\n"
          "default, or X25519 (AGE-SECRET-KEY-1...) with --classic. With -o the identity is\n"
          "written to FILE with mode 0600 (never replacing a file unless --force) and its\n"
          "recipient (age1pq1... / age1...) is printed on standard output; without -o the\n"
          "identity file goes to standard output and the recipient to standard error.\n"
          "\n"
          "  -o, --output FILE  write the identity to FILE ('-': standard output)\n"
          "      --classic      an X25519 identity (not quantum-safe)\n"
          "  -f, --force        replace FILE if it exists\n"
          "\n"
          "exit status: 0 success, 2 usage or I/O error.\n", f);
}

/* "# created: ..." / "# public key: ..." / identity, as age-keygen writes it. */
static int identity_text(char **out, size_t *out_len, char **recipient, int type)
{
    pqs_age_identity *id = NULL;
    pqs_age_recipient *r = NULL;
    char *secret = NULL;
    int rc = pqs_age_identity_generate(&id, type);
    if (rc == 0)
        rc = pqs_age_identity_to_recipient(&r, id);
    if (rc == 0)
        rc = pqs_age_recipient_encode(r, recipient);
    if (rc == 0)
        rc = pqs_age_identity_encode(id, &secret);
    if (rc == 0) {
        char when[32];
        time_t t = time(NULL);
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
        size_t cap = strlen(*recipient) + strlen(secret) + 128;
        *out = malloc(cap);
        if (*out == NULL)
            rc = PQS_E_NOMEM;
        else
            *out_len = (size_t)snprintf(*out, cap, "# created: %s\n# public key: %s\n%s\n", when,
                                        *recipient, secret);
    }
    pqs_age_string_free(secret);
    pqs_age_recipient_free(r);
    pqs_age_identity_free(id);
    return rc;
}

int pqs_cmd_age_keygen(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"classic", no_argument, NULL, 'c'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL;
    int classic = 0, force = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:fh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = strcmp(optarg, "-") == 0 ? NULL : optarg; break;   /* - : stdout */
        case 'c': classic = 1; break;
        case 'f': force = 1; break;
        case 'h': keygen_usage(stdout); return PQS_EXIT_OK;
        default: return age_cli_bad_option("age-keygen", argv);
        }
    }
    if (optind != argc)
        return age_cli_usage_error("age-keygen", "unexpected argument");
    char *text = NULL, *recipient = NULL;
    size_t len = 0;
    int rc = identity_text(&text, &len, &recipient, classic ? PQS_AGE_X25519 : PQS_AGE_MLKEM768X25519);
    if (rc == 0 && out != NULL)
        rc = pqs_write_file_atomic(out, (const uint8_t *)text, len, 0600, force);
    int code = PQS_EXIT_OK;
    if (rc != 0) {
        age_cli_report("age-keygen", out != NULL ? out : "the identity", rc, PQS_AGE_OK);
        code = PQS_EXIT_USAGE;
    } else if (out != NULL) {
        printf("%s\n", recipient);
    } else {
        fprintf(stderr, "pqsafe: public key: %s\n", recipient);
        fwrite(text, 1, len, stdout);
    }
    if (text != NULL) {
        pqs_wipe(text, len);
        free(text);
    }
    pqs_age_string_free(recipient);
    if (fflush(stdout) != 0 && code == PQS_EXIT_OK) {
        pqs_cli_error("age-keygen: cannot write to standard output");
        code = PQS_EXIT_USAGE;
    }
    return code;
}

static void recipient_usage(FILE *f)
{
    fputs("usage: pqsafe age-recipient [IDENTITY_FILE | -]\n"
          "\n"
          "Print the recipient (age1pq1... or age1...) of every identity in IDENTITY_FILE\n"
          "(standard input when absent or '-'), one per line, as age-keygen -y does.\n"
          "\n"
          "exit status: 0 success, 2 usage or input error.\n", f);
}

int pqs_cmd_age_recipient(int argc, char **argv)
{
    if (pqs_cli_wants_help(argc, argv)) {
        recipient_usage(stdout);
        return PQS_EXIT_OK;
    }
    if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0'))
        return age_cli_usage_error("age-recipient", "needs at most one IDENTITY_FILE");
    int from_stdin = argc == 1 || strcmp(argv[1], "-") == 0;
    const char *path = from_stdin ? "/dev/stdin" : argv[1];
    if (from_stdin && isatty(STDIN_FILENO))
        return age_cli_usage_error("age-recipient", "give an IDENTITY_FILE, or pipe one in");
    pqs_age_identity **ids = NULL;
    size_t n = 0;
    int rc = age_cli_load_identities(&ids, &n, path);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        pqs_age_recipient *r = NULL;
        char *s = NULL;
        rc = pqs_age_identity_to_recipient(&r, ids[i]);
        if (rc == 0)
            rc = pqs_age_recipient_encode(r, &s);
        if (rc == 0)
            printf("%s\n", s);
        pqs_age_string_free(s);
        pqs_age_recipient_free(r);
    }
    pqs_age_identities_free(ids, n);
    if (rc != 0) {
        age_cli_report("age-recipient", from_stdin ? "standard input" : path, rc, PQS_AGE_OK);
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}
