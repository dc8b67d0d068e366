/* Shared pieces of the age commands: exit codes, passphrases from the terminal or the
 * environment, identity files, the progress bar, atomic outputs, directory walks. */
#define _GNU_SOURCE   /* F_SETPIPE_SZ (Linux) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "core/cleanup.h"
#include "core/error.h"
#include "core/file.h"

int age_cli_exit(int rc, int failure)
{
    if (rc == 0)
        return PQS_EXIT_OK;
    if (failure == PQS_AGE_FAIL_NO_MATCH || failure == PQS_AGE_FAIL_HMAC ||
        failure == PQS_AGE_FAIL_PAYLOAD)
        return PQS_EXIT_INVALID;
    return PQS_EXIT_USAGE;
}

int age_cli_bad_option(const char *cmd, char **argv)
{
    const char *opt = optind > 0 ? argv[optind - 1] : "?";
    pqs_cli_error("%s: unknown option or missing value '%s' (see 'pqsafe %s --help')", cmd, opt,
                  cmd);
    return PQS_EXIT_USAGE;
}

int age_cli_usage_error(const char *cmd, const char *what)
{
    pqs_cli_error("%s: %s (see 'pqsafe %s --help')", cmd, what, cmd);
    return PQS_EXIT_USAGE;
}

int age_cli_parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v > max || s[0] == '-')
        return -1;
    *out = (unsigned)v;
    return 0;
}

void age_cli_report(const char *cmd, const char *what, int rc, int failure)
{
    const char *detail = pqs_error_detail();
    if (detail[0] == '\0')
        detail = pqs_strerror(rc);
    if (failure > PQS_AGE_OK && failure < PQS_AGE_FAIL_IO)
        pqs_cli_error("%s: %s: %s (%s)", cmd, what, detail, pqs_age_failure_name(failure));
    else
        pqs_cli_error("%s: %s: %s", cmd, what, detail);
}

/* One line from the terminal with echo off. */
static int read_tty(char *buf, size_t cap, size_t *len, const char *prompt)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return PQS_E_INVALID_ARG;
    struct termios old, quiet;
    int have_term = tcgetattr(fd, &old) == 0;
    if (have_term) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    if (write(fd, prompt, strlen(prompt)) < 0) {
        /* The prompt is a courtesy; reading still works. */
    }
    size_t n = 0;
    int rc = PQS_OK;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || c == '\n')
            break;
        if (n + 1 >= cap) {
            rc = PQS_E_INVALID_ARG;
            continue;
        }
        buf[n++] = c;
    }
    if (have_term)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* As above. */
    }
    close(fd);
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    *len = n;
    return rc;
}

int age_cli_passphrase(char *buf, size_t cap, size_t *len, const char *prompt, int confirm)
{
    const char *env = getenv("PQSAFE_PASSPHRASE");
    if (env != NULL) {
        size_t n = strlen(env);
        if (n == 0 || n >= cap)
            return pqs_error_set(PQS_E_INVALID_ARG,
                                 "PQSAFE_PASSPHRASE is empty or longer than %zu bytes", cap - 1);
        memcpy(buf, env, n);
        *len = n;
        return PQS_OK;
    }
    if (read_tty(buf, cap, len, prompt) != PQS_OK)
        return pqs_error_set(PQS_E_INVALID_ARG,
                             "a passphrase is needed: run on a terminal or set PQSAFE_PASSPHRASE");
    if (*len == 0)
        return pqs_error_set(PQS_E_INVALID_ARG, "the passphrase is empty");
    if (confirm) {
        char again[AGE_CLI_MAX_PASS];
        size_t n = 0;
        int rc = read_tty(again, sizeof again, &n, "Confirm passphrase: ");
        int same = rc == PQS_OK && n == *len && memcmp(again, buf, n) == 0;
        pqs_wipe(again, sizeof again);
        if (!same)
            return pqs_error_set(PQS_E_INVALID_ARG, "the passphrases do not match");
    }
    return PQS_OK;
}

/* Files of a tree are opened by several threads: one asks, the others wait for it. */
static pthread_mutex_t g_pass_mu = PTHREAD_MUTEX_INITIALIZER;

int age_cli_pass_cb(void *ctx, char *buf, size_t cap, size_t *len)
{
    age_cli_pass_cache *c = ctx;
    int rc = PQS_OK;
    pthread_mutex_lock(&g_pass_mu);
    if (!c->have) {
        rc = age_cli_passphrase(c->pass, sizeof c->pass, &c->len, "Enter passphrase: ", 0);
        c->have = rc == 0;
    }
    if (rc == 0 && c->len > cap)
        rc = PQS_E_INVALID_ARG;
    if (rc == 0) {
        memcpy(buf, c->pass, c->len);
        *len = c->len;
    }
    pthread_mutex_unlock(&g_pass_mu);
    return rc;
}

int age_cli_pass_asked(age_cli_pass_cache *c)
{
    pthread_mutex_lock(&g_pass_mu);
    int have = c->have;
    pthread_mutex_unlock(&g_pass_mu);
    return have;
}

void age_cli_pass_cache_wipe(age_cli_pass_cache *c)
{
    pqs_wipe(c, sizeof *c);
}

/* A passphrase-protected identity file (age -p of an identity file, as age supports):
 * the passphrase is asked for (or $PQSAFE_PASSPHRASE), naming the file. */
static int identity_file_pass(void *ctx, char *buf, size_t cap, size_t *len)
{
    char prompt[PATH_MAX + 48];
    snprintf(prompt, sizeof prompt, "Enter passphrase for identity file %s: ", (const char *)ctx);
    return age_cli_passphrase(buf, cap, len, prompt, 0);
}

static int load_encrypted_identities(pqs_age_identity ***more, size_t *m, const uint8_t *file,
                                     size_t file_len, const char *path)
{
    pqs_age_identity *pass = NULL;
    uint8_t *text = NULL;
    size_t text_len = 0;
    int failure = PQS_AGE_OK;
    pqs_age_options o = {.armor = PQS_AGE_ARMOR_AUTO, .threads = 1};
    int rc = pqs_age_identity_passphrase_cb(&pass, identity_file_pass, (void *)path, 0);
    if (rc == 0) {
        const pqs_age_identity *ids[1] = {pass};
        rc = pqs_age_decrypt_mem(&text, &text_len, file, file_len, ids, 1, &o, &failure);
        /* The caller names the file; the library says whether the passphrase was wrong. */
        if (rc != 0 && strncmp(pqs_error_detail(), "no identity matches", 19) == 0)
            rc = pqs_error_set(rc, "an age file encrypted to recipients, not an identity file "
                                   "protected by a passphrase");
        else if (rc != 0)
            rc = pqs_error_set(rc, "a passphrase-protected identity file: %s",
                               pqs_error_detail());
    }
    if (rc == 0)
        rc = pqs_age_identity_load_text(more, m, (const char *)text, text_len, path);
    pqs_age_buffer_free(text, text_len);   /* wiped: it holds the secret keys */
    pqs_age_identity_free(pass);
    return rc;
}

/* An identity file that is itself an age file: binary, or armored after optional
 * whitespace. (Identity lines start with '#' or AGE-SECRET-KEY-.) */
static int is_age_file(const uint8_t *p, size_t n)
{
    static const char bin[] = "age-encryption.org/", arm[] = "-----BEGIN AGE ENCRYPTED FILE-----";
    size_t i = 0;
    if (n >= sizeof bin - 1 && memcmp(p, bin, sizeof bin - 1) == 0)
        return 1;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return n - i >= sizeof arm - 1 && memcmp(p + i, arm, sizeof arm - 1) == 0;
}

int age_cli_load_identities(pqs_age_identity ***ids, size_t *n, const char *path)
{
    struct stat st;
    int from_stdin = strcmp(path, "-") == 0;   /* "-i -", as age-keygen's output piped in */
    const char *file_path = from_stdin ? "/dev/stdin" : path;
    path = from_stdin ? "standard input" : path;
    int readable = !from_stdin && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
                   (st.st_mode & 077) != 0;
    pqs_age_identity **more = NULL;
    size_t m = 0;
    uint8_t *file = NULL;
    size_t len = 0;
    /* 4 MiB: an identity file of 1 MiB (the library's limit), armored and encrypted. */
    int rc = pqs_read_file(file_path, 4u << 20, &file, &len);
    int sealed = rc == 0 && is_age_file(file, len);
    /* The warning is for keys in the clear: a passphrase-protected file may be shared. */
    if (rc == 0 && readable && !sealed)
        fprintf(stderr, "pqsafe: warning: identity file %s is readable by group or others "
                        "(run: chmod 600 %s)\n", path, path);
    if (rc == 0)
        rc = sealed ? load_encrypted_identities(&more, &m, file, len, path)
                    : pqs_age_identity_load_text(&more, &m, (const char *)file, len, path);
    if (file != NULL)
        pqs_wipe(file, len);
    free(file);
    if (rc != 0)
        return rc;
    pqs_age_identity **all = realloc(*ids, (*n + m) * sizeof *all);
    if (all == NULL) {
        pqs_age_identities_free(more, m);
        return PQS_E_NOMEM;
    }
    memcpy(all + *n, more, m * sizeof *more);
    free(more);
    *ids = all;
    *n += m;
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_cb(void *ctx, uint64_t done, uint64_t total)
{
    age_cli_progress *p = ctx;
    double t = now_seconds();
    if (t - p->last < 0.1 && done < total)
        return;
    p->last = t;
    double frac = total ? (double)done / (double)total : 0.0;
    if (frac > 1.0)
        frac = 1.0;
    char bar[31];
    int fill = (int)(frac * 30.0);
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    double mib = (double)done / 1048576.0, el = t - p->start;
    fprintf(stderr, "\rpqsafe: %s [%s] %5.1f%% %9.1f MiB %7.0f MiB/s", p->verb, bar, frac * 100.0, mib,
            el > 0 ? mib / el : 0.0);
    p->shown = 1;
}

void age_cli_progress_setup(age_cli_progress *p, pqs_age_options *o, const char *verb,
                            uint64_t total)
{
    memset(p, 0, sizeof *p);
    p->verb = verb;
    p->start = p->last = now_seconds();
    o->progress = NULL;
    o->total = total;
    if (total > AGE_CLI_PROGRESS_MIN && isatty(STDERR_FILENO)) {
        o->progress = progress_cb;
        o->progress_ctx = p;
    }
}

void age_cli_progress_done(age_cli_progress *p)
{
    if (p->shown)
        fputc('\n', stderr);
    p->shown = 0;
}

/* A pipe holds 64 KiB by default: one chunk per wake-up of pqsafe and of the program at
 * the other end. 1 MiB (the unprivileged limit) lets both run in larger steps: sealing
 * 2 GiB from `cat` took half the time. Only a hint: a refusal is ignored. */
static void widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
        (void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
    (void)fd;
#endif
}

int age_cli_run_file(const char *cmd, const char *in_path, const char *out_path, unsigned flags,
                     unsigned mode, age_cli_op op, void *ctx, pqs_age_options *o,
                     const char *verb)
{
    int use_stdin = in_path == NULL || strcmp(in_path, "-") == 0;
    const char *name = use_stdin ? "standard input" : in_path;
    int in_fd = use_stdin ? STDIN_FILENO : open(in_path, O_RDONLY | O_CLOEXEC);
    if (in_fd < 0) {
        pqs_cli_error("%s: cannot open %s: %s", cmd, in_path, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    struct stat st;
    uint64_t total = fstat(in_fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    widen_pipe(in_fd);
    if (out_path == NULL)
        widen_pipe(STDOUT_FILENO);
    pqs_atomic_file af;
    int out_fd = STDOUT_FILENO, rc = 0, failure = PQS_AGE_OK;
    if (out_path != NULL &&
        (rc = pqs_atomic_open(&af, out_path, (mode_t)mode, (flags & AGE_CLI_FORCE) != 0)) != 0) {
        age_cli_report(cmd, "cannot write the output", rc, PQS_AGE_OK);
        if (!use_stdin)
            close(in_fd);
        return PQS_EXIT_USAGE;
    }
    if (out_path != NULL) {
        out_fd = af.fd;
        af.staged = (flags & AGE_CLI_STAGED) != 0;
        o->write_back = 1;   /* synced at commit, alone or with its staging tree */
    }
    age_cli_progress p;
    age_cli_progress_setup(&p, o, verb, total);
    rc = op(ctx, out_fd, in_fd, o, &failure);
    age_cli_progress_done(&p);
    if (!use_stdin)
        close(in_fd);
    if (rc != 0) {
        /* Nothing of a failed output is left behind: the temporary file goes. */
        if (out_path != NULL)
            pqs_atomic_abort(&af);
        /* A write that failed (disk full, file too large) is the output's fault. */
        if (strncmp(pqs_error_detail(), "write failed", 12) == 0)
            name = out_path != NULL ? out_path : "standard output";
        age_cli_report(cmd, name, rc, failure);
        return age_cli_exit(rc, failure);
    }
    if (out_path != NULL && (rc = pqs_atomic_commit(&af)) != 0) {
        age_cli_report(cmd, "cannot write the output", rc, PQS_AGE_OK);
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

static int walk(const char *dir, const char *rel, age_cli_file_fn fn, void *ctx)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        pqs_cli_error("cannot read directory %s: %s", dir, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[PATH_MAX], sub[PATH_MAX];
        int a = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        int b = snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        struct stat st;
        if (a < 0 || b < 0 || (size_t)a >= sizeof path || (size_t)b >= sizeof sub) {
            pqs_cli_error("path too long under %s", dir);
            rc = PQS_EXIT_USAGE;
        } else if (lstat(path, &st) != 0) {
            pqs_cli_error("cannot stat %s: %s", path, strerror(errno));
            rc = PQS_EXIT_USAGE;
        } else if (S_ISDIR(st.st_mode)) {
            rc = fn(ctx, path, sub, 1);
            if (rc == 0)
                rc = walk(path, sub, fn, ctx);
        } else if (S_ISREG(st.st_mode)) {
            rc = fn(ctx, path, sub, 0);
        } else if (!S_ISLNK(st.st_mode)) {
            fprintf(stderr, "pqsafe: warning: skipping %s (not a regular file)\n", path);
        } else if (stat(path, &st) != 0) {
            fprintf(stderr, "pqsafe: warning: skipping %s (%s)\n", path,
                    errno == ELOOP ? "a loop of links" : "a link to nothing");
        } else if (S_ISREG(st.st_mode)) {
            /* A link to a file is the file: a Hugging Face snapshot is all links into
             * its blobs/ directory. Links to directories are not followed (loops). */
            rc = fn(ctx, path, sub, 0);
        } else {
            fprintf(stderr, "pqsafe: warning: skipping %s (a link to %s)\n", path,
                    S_ISDIR(st.st_mode) ? "a directory" : "a special file");
        }
    }
    closedir(d);
    return rc;
}

int age_cli_walk(const char *dir, age_cli_file_fn fn, void *ctx)
{
    return walk(dir, "", fn, ctx);
}

int age_cli_mirror_dir(const char *out_dir, const char *rel, unsigned mode)
{
    char path[PATH_MAX];
    int k = snprintf(path, sizeof path, "%s/%s", out_dir, rel);
    pqs_cleanup_begin();   /* not while a signal's cleanup removes a staging tree */
    int made = k >= 0 && (size_t)k < sizeof path && (mkdir(path, (mode_t)mode) == 0 || errno == EEXIST);
    pqs_cleanup_end(NULL, 0);
    if (!made) {
        pqs_cli_error("cannot create directory %s/%s", out_dir, rel);
        return PQS_EXIT_USAGE;
    }
    return 0;
}

int age_cli_is_dir(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* realpath, also for a path whose last component does not exist yet (an output). */
static int resolve(const char *path, char out[PATH_MAX])
{
    if (realpath(path, out) != NULL)
        return 1;
    char parent[PATH_MAX], base[PATH_MAX], dir[PATH_MAX];
    if (errno != ENOENT || snprintf(parent, sizeof parent, "%s", path) >= (int)sizeof parent)
        return 0;
    snprintf(base, sizeof base, "%s", path);
    const char *name = basename(base);
    if (realpath(dirname(parent), dir) == NULL)
        return 0;
    return snprintf(out, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "", name) < PATH_MAX;
}

int age_cli_is_inside(const char *child, const char *dir)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (!resolve(child, a) || realpath(dir, b) == NULL)
        return 0;
    size_t n = strlen(b);
    return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/' || (n == 1 && b[0] == '/'));
}
