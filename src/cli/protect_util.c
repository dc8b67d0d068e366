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
    if (snprintf(out, cap, "%.*s.tmp-XXXXXX", (int)n, final) >= (int)cap || mkdtemp(out) == NULL) {
        pqs_cli_error("cannot create a directory beside %s: %s", final, strerror(errno));
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
}

static int sync_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)f;
    if (flag == FTW_F || flag == FTW_DP || S_ISDIR(st->st_mode)) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            (void)fsync(fd);
            close(fd);
        }
    }
    return 0;
}

int protect_commit_dir(const char *tmp, const char *final)
{
    struct stat st;
    nftw(tmp, sync_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (lstat(final, &st) == 0) {
        pqs_cli_error("%s already exists; choose a new output directory", final);
        return PQS_EXIT_USAGE;
    }
    if (rename(tmp, final) != 0) {
        pqs_cli_error("cannot move the result into %s: %s", final, strerror(errno));
        return PQS_EXIT_USAGE;
    }
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
