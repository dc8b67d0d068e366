/* pqsafe: one binary, subcommands in the manner of git and openssl. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/cleanup.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command g_commands[] = {
    {"protect", pqs_cmd_protect, "sign a model and seal every file for recipients (ship it)"},
    {"unprotect", pqs_cmd_unprotect, "open a protected model, verify everything, then move it in place"},
    {"inspect", pqs_cmd_inspect, "list or extract tensors of a sealed safetensors file"},
    {"demo", pqs_cmd_demo, "run the built-in demonstration end to end"},
    {"keygen", pqs_cmd_keygen, "generate a key pair for any algorithm (PKCS#8 / SPKI files)"},
    {"pubkey", pqs_cmd_pubkey, "write the public key of a key file"},
    {"sign", pqs_cmd_sign, "write a detached ML-DSA or SLH-DSA signature of a file"},
    {"verify", pqs_cmd_verify, "verify a detached signature (exit 0 valid, 1 invalid)"},
    {"seal", pqs_cmd_seal, "encrypt files or directories in the age format (post-quantum)"},
    {"open", pqs_cmd_open, "decrypt age files or directories (exit 1 if tampered)"},
    {"age-keygen", pqs_cmd_age_keygen, "generate an age identity (mlkem768x25519 or X25519)"},
    {"age-recipient", pqs_cmd_age_recipient, "print the age recipient of an identity file"},
    {"model", pqs_cmd_model, "sign and verify model directories (model_signing v1.0 bundles)"},
    {"list", pqs_cmd_list, "list every algorithm with its sizes and security category"},
    {"bench", pqs_cmd_bench, "benchmark every algorithm against OpenSSL 3.5 in the same run"},
    {"version", pqs_cmd_version, "print the version and the CPU features the library uses"},
};
#define N_COMMANDS (sizeof g_commands / sizeof g_commands[0])

void pqs_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("pqsafe: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int pqs_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

static void usage(FILE *f)
{
    fputs("usage: pqsafe <command> [options]\n"
          "\n"
          "Quantum-safe cryptography for AI infrastructure: ML-KEM (FIPS 203),\n"
          "ML-DSA (FIPS 204) and SLH-DSA (FIPS 205).\n"
          "\n"
          "commands:\n", f);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-14s %s\n", g_commands[i].name, g_commands[i].summary);
    fputs("\n"
          "Run 'pqsafe <command> --help' for a command's options.\n"
          "\n"
          "exit status: 0 success, 1 a negative verdict (e.g. a signature that does not\n"
          "verify), 2 a usage or input error.\n", f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return PQS_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return PQS_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0)
        name = "version";
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(name, g_commands[i].name) != 0)
            continue;
        /* Interrupted, a command removes its temporary outputs (plaintext, half-written
         * files) before it ends. Not for bench, whose peers inherit the signal mask. */
        if (strcmp(name, "bench") != 0 && pqs_cleanup_on_signals() != 0) {
            pqs_cli_error("cannot set up the signal handling thread");
            return PQS_EXIT_USAGE;
        }
        return g_commands[i].run(argc - 1, argv + 1);
    }
    pqs_cli_error("unknown command '%s' (see 'pqsafe --help')", name);
    return PQS_EXIT_USAGE;
}
