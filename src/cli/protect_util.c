#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"
#include "core/cleanup.h"
#include "core/file.h"
#include "protect_util.h"

int protect_load_signer(protect_signer *s, const char *key_path, const char *hybrid_path,
                        int need_private)
{
    memset(s, 0, sizeof *s);
    s->key = pqs_cli_load_key(key_path);
    if (s->key == NULL)
        return PQS_EXIT_USAGE;
    if (pqs_key_sig(s->key) == NULL) {
        pqs_cli_error("%s is a %s key; model signatures need ML-DSA or SLH-DSA", key_path,
                      pqs_key_alg(s->key));
        return PQS_EXIT_USAGE;
    }
    if (need_private && !pqs_key_is_private(s->key)) {
        pqs_cli_error("%s is a public key; signing needs the private key", key_path);
        return PQS_EXIT_USAGE;
    }
    if (hybrid_path != NULL && pqs_read_file(hybrid_path, 1 << 16, &s->ed25519_pem, &s->ed25519_len) != 0) {
        pqs_cli_error("%s", pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    s->mk.alg = pqs_key_sig(s->key);
    s->mk.pk = pqs_key_public_bytes(s->key, NULL);
    s->mk.sk = need_private ? pqs_key_private_bytes(s->key, NULL) : NULL;
    s->mk.ed25519_pem = s->ed25519_pem;
    s->mk.ed25519_pem_len = s->ed25519_len;
    return PQS_EXIT_OK;
}

void protect_signer_free(protect_signer *s)
{
    pqs_key_free(s->key);
    if (s->ed25519_pem)
        pqs_wipe(s->ed25519_pem, s->ed25519_len);
    free(s->ed25519_pem);
    memset(s, 0, sizeof *s);
}

int protect_make_temp_dir(char *out, size_t cap, const char *final)
{
    size_t n = strlen(final);
    while (n > 1 && final[n - 1] == '/')
        n--;
    pqs_cleanup_begin();   /* created and tracked at once: removed if a signal stops us */
    int ok = snprintf(out, cap, "%.*s.tmp-XXXXXX", (int)n, final) < (int)cap && mkdtemp(out);
    int e = errno;
    pqs_cleanup_end(ok ? out : NULL, 1);
    if (!ok) {
        pqs_cli_error("cannot create a directory beside %s: %s", final, strerror(e));
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    remove(path);
    return 0;
}

void protect_remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    pqs_cleanup_forget(dir);
}

/* The staged files were written without fsync (AGE_CLI_STAGED): this is where they, and
 * the directories naming them, reach the disk, and where a failure to (EIO, ENOSPC) is
 * caught before anything is moved into place. (nftw passes no context: one commit runs
 * at a time, on the main thread.) */
static char g_sync_failed[PATH_MAX];
static int g_sync_errno;

static int sync_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)f;
    if (flag != FTW_F && flag != FTW_DP && !S_ISDIR(st->st_mode))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && fsync(fd) == 0;
    g_sync_errno = errno;
    if (fd >= 0)
        close(fd);
    if (ok)
        return 0;
    snprintf(g_sync_failed, sizeof g_sync_failed, "%s", path);
    return 1;
}

/* The directory holding path, synced so that a rename into it is durable. */
static void sync_parent(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash != NULL)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int protect_commit_dir(const char *tmp, const char *final)
{
    struct stat st;
    if (nftw(tmp, sync_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) {
        pqs_cli_error("cannot write %s to the disk: %s", g_sync_failed[0] ? g_sync_failed : tmp,
                      strerror(g_sync_errno));
        return PQS_EXIT_USAGE;
    }
    if (lstat(final, &st) == 0) {
        pqs_cli_error("%s already exists; choose a new output directory", final);
        return PQS_EXIT_USAGE;
    }
    /* Under the cleanup lock: a signal's cleanup must not be removing the staging tree
     * while it moves into place (a partial tree would appear under the final name). */
    pqs_cleanup_begin();
    int moved = rename(tmp, final) == 0, e = errno;
    pqs_cleanup_end(NULL, 0);
    if (!moved) {
        pqs_cli_error("cannot move the result into %s: %s", final, strerror(e));
        return PQS_EXIT_USAGE;
    }
    pqs_cleanup_forget(tmp);
    sync_parent(final);
    return PQS_EXIT_OK;
}

static int append(pqs_age_recipient ***rs, size_t *n, pqs_age_recipient **more, size_t m)
{
    pqs_age_recipient **grown = realloc(*rs, (*n + m) * sizeof **rs);
    if (grown == NULL) {
        pqs_age_recipients_free(more, m);
        return PQS_EXIT_USAGE;
    }
    memcpy(grown + *n, more, m * sizeof *more);
    free(more);
    *rs = grown;
    *n += m;
    return PQS_EXIT_OK;
}

int protect_add_recipient(pqs_age_recipient ***rs, size_t *n, const char *text)
{
    pqs_age_recipient **one = malloc(sizeof *one);
    if (one == NULL || pqs_age_recipient_parse(&one[0], text, strlen(text)) != 0) {
        free(one);
        if (strncmp(text, "AGE-SECRET-KEY-", 15) == 0)   /* never echo a secret key */
            pqs_cli_error("--to was given a secret key (AGE-SECRET-KEY-...), not a recipient; "
                          "'pqsafe age-recipient' prints its recipient");
        else
            pqs_cli_error("not an age recipient: '%s' (%s)", text, pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    return append(rs, n, one, 1);
}

int protect_add_recipient_file(pqs_age_recipient ***rs, size_t *n, const char *path)
{
    pqs_age_recipient **more = NULL;
    size_t m = 0;
    if (pqs_age_recipient_load(&more, &m, path) != 0) {
        pqs_cli_error("cannot read recipients from %s: %s", path, pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    return append(rs, n, more, m);
}

void protect_tally_init(protect_tally *t)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_init(&t->mu, NULL);
}

void protect_tally_destroy(protect_tally *t)
{
    pthread_mutex_destroy(&t->mu);
}

void protect_tally_add(protect_tally *t, int in_fd, int out_fd)
{
    struct stat in, out;
    int have = fstat(in_fd, &in) == 0 && fstat(out_fd, &out) == 0;
    pthread_mutex_lock(&t->mu);
    t->files++;
    if (have) {
        t->bytes_in += (unsigned long long)in.st_size;
        t->bytes_out += (unsigned long long)out.st_size;
    }
    pthread_mutex_unlock(&t->mu);
}

double protect_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *protect_size(char buf[32], unsigned long long bytes)
{
    if (bytes >= (1ull << 30))
        snprintf(buf, 32, "%.2f GiB", (double)bytes / (1ull << 30));
    else if (bytes >= (1ull << 20))
        snprintf(buf, 32, "%.1f MiB", (double)bytes / (1ull << 20));
    else if (bytes >= 1024)
        snprintf(buf, 32, "%.1f KiB", (double)bytes / 1024);
    else
        snprintf(buf, 32, "%llu B", bytes);
    return buf;
}
