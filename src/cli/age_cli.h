/* Helpers the age commands share (age-keygen, age-recipient, seal, open): passphrases,
 * identity files, the progress bar, atomic outputs and directory mirroring. */
#ifndef PQS_CLI_AGE_CLI_H
#define PQS_CLI_AGE_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/age.h"

/* Inputs above this size get a progress bar when stderr is a terminal. */
#define AGE_CLI_PROGRESS_MIN (64ull << 20)
#define AGE_CLI_MAX_PASS 1024

/* -j N: at most this many threads (0 is one per core). */
#define AGE_CLI_MAX_THREADS 1024
/* A decimal number up to max (no sign, nothing after it): 0, or -1 when it is not. */
int age_cli_parse_uint(const char *s, unsigned max, unsigned *out);

/* The exit status for a library result: 0, 1 for a file that does not decrypt or
 * authenticate (no match, HMAC, payload), 2 for anything else (usage, malformed input). */
int age_cli_exit(int rc, int failure);
/* A one-line usage error naming the option getopt refused; returns PQS_EXIT_USAGE. */
int age_cli_bad_option(const char *cmd, char **argv);
/* A one-line usage error; returns PQS_EXIT_USAGE. */
int age_cli_usage_error(const char *cmd, const char *what);
/* Report "pqsafe: <cmd>: <what>: <detail>" for a library error. */
void age_cli_report(const char *cmd, const char *what, int rc, int failure);

/* A passphrase from $PQSAFE_PASSPHRASE, else asked on /dev/tty without echo (twice when
 * confirm). Returns 0 or PQS_E_INVALID_ARG (no terminal, empty, mismatch). */
int age_cli_passphrase(char *buf, size_t cap, size_t *len, const char *prompt, int confirm);

/* The scrypt identity `open` always carries: asks once, only when a file needs it. */
typedef struct {
    char pass[AGE_CLI_MAX_PASS];
    size_t len;
    int have;
} age_cli_pass_cache;
int age_cli_pass_cb(void *ctx, char *buf, size_t cap, size_t *len);
/* 1 once the passphrase was asked for (thread-safe, as age_cli_pass_cb is). */
int age_cli_pass_asked(age_cli_pass_cache *c);
void age_cli_pass_cache_wipe(age_cli_pass_cache *c);

/* Load identities from a file (warning when group/other can read it), appended to *ids. */
int age_cli_load_identities(pqs_age_identity ***ids, size_t *n, const char *path);

/* Progress bar on stderr (only when it is a terminal and total > AGE_CLI_PROGRESS_MIN). */
typedef struct {
    const char *verb;
    double start, last;
    int shown;
} age_cli_progress;
void age_cli_progress_setup(age_cli_progress *p, pqs_age_options *o, const char *verb,
                            uint64_t total);
void age_cli_progress_done(age_cli_progress *p);

/* Seal or open one stream: in_path NULL or "-" is stdin, out_path NULL is stdout
 * (otherwise written atomically with `mode`, never replacing a file unless AGE_CLI_FORCE;
 * with AGE_CLI_STAGED not synced, for a staging tree the caller syncs as a whole). */
#define AGE_CLI_FORCE 1u
#define AGE_CLI_STAGED 2u
typedef int (*age_cli_op)(void *ctx, int out_fd, int in_fd, pqs_age_options *o, int *failure);
int age_cli_run_file(const char *cmd, const char *in_path, const char *out_path, unsigned flags,
                     unsigned mode, age_cli_op op, void *ctx, pqs_age_options *o,
                     const char *verb);

/* Walk the directories and regular files under dir (symlinks and special files are
 * skipped with a warning); fn gets the path, its path relative to dir, and whether it is
 * a directory (given before its contents). Stops at the first non-zero return. */
typedef int (*age_cli_file_fn)(void *ctx, const char *path, const char *rel, int is_dir);
int age_cli_walk(const char *dir, age_cli_file_fn fn, void *ctx);
/* Create the directory out_dir/rel (existing is fine). */
int age_cli_mirror_dir(const char *out_dir, const char *rel, unsigned mode);
/* ---- age_tree.c ---- */
/* How a tree's files are named in the output: sealing appends ".age"; opening removes it
 * and skips (with a warning) a file without it, or refuses it when the tree must hold
 * sealed files only (a protected model). */
typedef enum { AGE_CLI_ADD_AGE, AGE_CLI_STRIP_AGE, AGE_CLI_STRIP_AGE_STRICT } age_cli_naming;
typedef struct {
    const char *cmd, *verb;   /* "seal", "sealing" */
    const char *out_dir;      /* exists, outside the tree */
    unsigned file_mode, dir_mode;
    unsigned flags;           /* AGE_CLI_FORCE, AGE_CLI_STAGED */
    age_cli_naming naming;
    int (*skip)(const char *rel);   /* optional: paths left out (a skipped directory is
                                     * not mirrored, its contents are still offered) */
    age_cli_op op;            /* with ctx, as for age_cli_run_file */
    void *ctx;
    const pqs_age_options *o; /* o->threads: 0 for one per core */
} age_cli_tree;
/* Mirror the directories under dir into t->out_dir, then seal or open every regular
 * file: those up to AGE_CLI_PROGRESS_MIN several at a time (one thread each), larger
 * ones one after another with every thread. No new file is started after a failure;
 * returns 0 or the first failure's exit status. The op, its ctx and the identities or
 * recipients it uses are shared by the workers, so they must be safe to use from several
 * threads at once (the library's are; age_cli_pass_cb locks). */
int age_cli_tree_run(const age_cli_tree *t, const char *dir);

/* 1 when path is a directory. */
int age_cli_is_dir(const char *path);
/* 1 when child is dir itself or inside it (after resolving both). */
int age_cli_is_inside(const char *child, const char *dir);

#endif
