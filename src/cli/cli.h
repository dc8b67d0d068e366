/* The pqsafe command-line tool: one binary, one function per subcommand.
 * Each command receives argv starting at its own name (argv[0] = "bench") and
 * returns the process exit code: 0 success, 1 a negative verdict (e.g. invalid
 * signature), 2 usage or input error. Every command answers --help. */
#ifndef PQS_CLI_H
#define PQS_CLI_H

#include <stdio.h>

#define PQS_EXIT_OK 0
#define PQS_EXIT_INVALID 1
#define PQS_EXIT_USAGE 2

int pqs_cmd_version(int argc, char **argv);
int pqs_cmd_list(int argc, char **argv);
int pqs_cmd_demo(int argc, char **argv);
int pqs_cmd_bench(int argc, char **argv);
int pqs_cmd_keygen(int argc, char **argv);
int pqs_cmd_pubkey(int argc, char **argv);
int pqs_cmd_sign(int argc, char **argv);
int pqs_cmd_verify(int argc, char **argv);
int pqs_cmd_seal(int argc, char **argv);
int pqs_cmd_open(int argc, char **argv);
int pqs_cmd_age_keygen(int argc, char **argv);
int pqs_cmd_age_recipient(int argc, char **argv);
int pqs_cmd_model(int argc, char **argv);
int pqs_cmd_protect(int argc, char **argv);
int pqs_cmd_unprotect(int argc, char **argv);
int pqs_cmd_inspect(int argc, char **argv);

/* Print "pqsafe: <message>" on one line to stderr. */
void pqs_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when argv holds -h or --help. */
int pqs_cli_wants_help(int argc, char **argv);

#endif
