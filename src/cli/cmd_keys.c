/* pqsafe keygen, pqsafe pubkey: key files in the formats OpenSSL 3.5 reads. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"

static const char *KEYGEN_HELP =
    "usage: pqsafe keygen --alg NAME [-o FILE] [--pub FILE] [--form seed|expanded|both]\n"
    "                     [--der] [--force]\n"
    "\n"
    "Generates a key pair for any KEM or signature algorithm ('pqsafe list' names them)\n"
    "and writes the private key as PKCS#8 (PEM unless --der) to FILE, created with mode\n"
    "0600, or to standard output. Private keys are written as their seed by default\n"
    "(the compact form of the IETF LAMPS drafts); --form expanded or both writes the\n"
    "FIPS expanded key too. An existing FILE is never replaced unless --force.\n"
    "--pub FILE also writes the public key (SubjectPublicKeyInfo).\n";

static int parse_form(const char *s)
{
    if (strcmp(s, "seed") == 0)
        return PQS_KEY_FORM_SEED;
    if (strcmp(s, "expanded") == 0)
        return PQS_KEY_FORM_EXPANDED;
    if (strcmp(s, "both") == 0)
        return PQS_KEY_FORM_BOTH;
    return -1;
}

static int write_key(pqs_key *key, int is_private, int format, int form, const char *path, int force)
{
    uint8_t *buf;
    size_t len;
    int rc = is_private ? pqs_key_encode_private(key, format, form, &buf, &len)
                        : pqs_key_encode_public(key, format, &buf, &len);
    if (rc != PQS_OK) {
        pqs_cli_error("cannot encode the key: %s", pqs_error_detail()[0] ? pqs_error_detail() : pqs_strerror(rc));
        return PQS_EXIT_USAGE;
    }
    rc = pqs_cli_write_output(path, buf, len, is_private ? 0600 : 0644, force);
    pqs_key_buffer_free(buf, len);
    return rc;
}

int pqs_cmd_keygen(int argc, char **argv)
{
    const char *alg = NULL, *out = NULL, *pub = NULL;
    int form = PQS_KEY_FORM_SEED, format = PQS_KEY_PEM, force = 0;
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(KEYGEN_HELP, stdout);
        return PQS_EXIT_OK;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int takes_value = !strcmp(a, "--alg") || !strcmp(a, "-o") || !strcmp(a, "--pub") ||
                          !strcmp(a, "--form");
        if (takes_value && (v = pqs_cli_value(argc, argv, &i)) == NULL)
            return PQS_EXIT_USAGE;
        if (!strcmp(a, "--alg")) {
            alg = v;
        } else if (!strcmp(a, "-o")) {
            out = v;
        } else if (!strcmp(a, "--pub")) {
            pub = v;
        } else if (!strcmp(a, "--form")) {
            if ((form = parse_form(v)) < 0) {
                pqs_cli_error("--form must be seed, expanded or both");
                return PQS_EXIT_USAGE;
            }
        } else if (!strcmp(a, "--der")) {
            format = PQS_KEY_DER;
        } else if (!strcmp(a, "--force")) {
            force = 1;
        } else {
            pqs_cli_error("keygen: unknown option '%s' (see 'pqsafe keygen --help')", a);
            return PQS_EXIT_USAGE;
        }
    }
    if (alg == NULL) {
        pqs_cli_error("keygen needs --alg NAME (see 'pqsafe list')");
        return PQS_EXIT_USAGE;
    }
    /* Refuse before writing anything, so a refusal never leaves half a key pair. */
    const char *paths[2] = {out, pub};
    for (int p = 0; p < 2 && !force; p++) {
        if (paths[p] != NULL && strcmp(paths[p], "-") != 0 && access(paths[p], F_OK) == 0) {
            pqs_cli_error("%s already exists (use --force to replace it)", paths[p]);
            return PQS_EXIT_USAGE;
        }
    }
    pqs_key *key;
    int rc = pqs_key_generate(&key, alg);
    if (rc != PQS_OK) {
        pqs_cli_error("%s", pqs_error_detail()[0] ? pqs_error_detail() : pqs_strerror(rc));
        return PQS_EXIT_USAGE;
    }
    rc = write_key(key, 1, format, form, out, force);
    if (rc == PQS_EXIT_OK && pub != NULL) {
        rc = write_key(key, 0, format, form, pub, force);
        if (rc != PQS_EXIT_OK && out != NULL && strcmp(out, "-") != 0)
            unlink(out);   /* no private key without its public half */
    }
    if (rc == PQS_EXIT_OK && out != NULL && strcmp(out, "-") != 0)
        fprintf(stderr, "pqsafe: wrote %s private key to %s%s%s\n", pqs_key_alg(key), out,
                pub ? ", public key to " : "", pub ? pub : "");
    pqs_key_free(key);
    return rc;
}

int pqs_cmd_pubkey(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    int format = PQS_KEY_PEM, force = 0;
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe pubkey KEY [-o FILE] [--der] [--force]\n\n"
             "Writes the public key (SubjectPublicKeyInfo, PEM unless --der) of the private\n"
             "or public key file KEY to FILE or standard output.");
        return PQS_EXIT_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0) {
            if ((out = pqs_cli_value(argc, argv, &i)) == NULL)
                return PQS_EXIT_USAGE;
        } else if (strcmp(argv[i], "--der") == 0) {
            format = PQS_KEY_DER;
        } else if (strcmp(argv[i], "--force") == 0) {
            force = 1;
        } else if (argv[i][0] == '-' || in != NULL) {
            pqs_cli_error("pubkey: unexpected argument '%s' (see 'pqsafe pubkey --help')", argv[i]);
            return PQS_EXIT_USAGE;
        } else {
            in = argv[i];
        }
    }
    if (in == NULL) {
        pqs_cli_error("pubkey needs a key file");
        return PQS_EXIT_USAGE;
    }
    pqs_key *key = pqs_cli_load_key(in);
    if (key == NULL)
        return PQS_EXIT_USAGE;
    int rc = write_key(key, 0, format, 0, out, force);
    pqs_key_free(key);
    return rc;
}
