/* Shared by protect, unprotect and inspect: key and recipient loading, temp trees. */
#ifndef PQS_CLI_PROTECT_UTIL_H
#define PQS_CLI_PROTECT_UTIL_H

#include <pthread.h>
#include <stddef.h>

#include "pqsafe/age.h"
#include "pqsafe/keys.h"
#include "pqsafe/modelsign.h"

typedef struct {
    pqs_key *key;                 /* the ML-DSA / SLH-DSA key */
    uint8_t *ed25519_pem;         /* hybrid half, or NULL */
    size_t ed25519_len;
    pqs_model_key mk;             /* views into the two above */
} protect_signer;

/* Load the post-quantum key (private when need_private) and the optional Ed25519 PEM. */
int protect_load_signer(protect_signer *s, const char *key_path, const char *hybrid_path,
                        int need_private);
void protect_signer_free(protect_signer *s);

/* A fresh directory beside `final` ("<final>.tmp-XXXXXX"); path written to out. */
int protect_make_temp_dir(char *out, size_t cap, const char *final);
/* Remove a directory tree (no symlinks followed). */
void protect_remove_tree(const char *dir);
/* fsync a directory tree's files and directories, then rename it into place; refuses
 * when `final` exists. */
int protect_commit_dir(const char *tmp, const char *final);

/* Add recipients from "--to" strings and "-R" files. */
int protect_add_recipient(pqs_age_recipient ***rs, size_t *n, const char *text);
int protect_add_recipient_file(pqs_age_recipient ***rs, size_t *n, const char *path);

/* Files and bytes sealed or opened, added to by the workers of a tree side by side. */
typedef struct {
    pthread_mutex_t mu;
    unsigned long long files, bytes_in, bytes_out;
} protect_tally;
void protect_tally_init(protect_tally *t);
void protect_tally_destroy(protect_tally *t);
/* Count one finished file by the sizes of its input and output. */
void protect_tally_add(protect_tally *t, int in_fd, int out_fd);

/* Seconds since an arbitrary start, for the step timings. */
double protect_now(void);
/* "12.3 MiB" */
const char *protect_size(char buf[32], unsigned long long bytes);

#endif
