/* See cleanup.h. The signals are blocked in every thread and taken by sigwait() in one
 * thread of their own, so the cleanup runs as ordinary code (it may lock, allocate and
 * walk a directory tree), not in a signal handler. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"

typedef struct {
    char *path;
    int is_dir;
} tracked;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static tracked *g_items;
static size_t g_n, g_cap;

void pqs_cleanup_begin(void)
{
    pthread_mutex_lock(&g_mu);
}

void pqs_cleanup_end(const char *path, int is_dir)
{
    if (path != NULL && g_n == g_cap) {
        size_t cap = g_cap ? g_cap * 2 : 16;
        tracked *p = realloc(g_items, cap * sizeof *p);
        if (p != NULL) {
            g_items = p;
            g_cap = cap;
        }
    }
    /* Out of memory: the output is still removed on every error path, only not on a
     * signal. */
    if (path != NULL && g_n < g_cap && (g_items[g_n].path = strdup(path)) != NULL)
        g_items[g_n++].is_dir = is_dir;
    pthread_mutex_unlock(&g_mu);
}

void pqs_cleanup_forget(const char *path)
{
    pthread_mutex_lock(&g_mu);
    for (size_t i = g_n; i-- > 0;) {
        if (strcmp(g_items[i].path, path) == 0) {
            free(g_items[i].path);
            g_items[i] = g_items[--g_n];
            break;
        }
    }
    pthread_mutex_unlock(&g_mu);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    remove(path);
    return 0;
}

static const int k_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void *signal_thread(void *arg)
{
    sigset_t *set = arg;
    int sig = SIGTERM;
    while (sigwait(set, &sig) != 0)
        ;
    pthread_mutex_lock(&g_mu);   /* held to the end: no new temporary from here on */
    for (size_t i = 0; i < g_n; i++) {
        if (g_items[i].is_dir)
            nftw(g_items[i].path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        else
            unlink(g_items[i].path);
    }
    /* End as the signal would have ended us (the shell's exit status 128 + sig). */
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig);
}

int pqs_cleanup_on_signals(void)
{
    static sigset_t set;
    sigemptyset(&set);
    /* A signal the parent ignores (nohup, a background job's SIGINT) stays ignored: on
     * Linux a blocked signal is queued even when ignored, and sigwait would take it. */
    for (size_t i = 0; i < sizeof k_signals / sizeof k_signals[0]; i++) {
        struct sigaction old;
        if (sigaction(k_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaddset(&set, k_signals[i]);
    }
    signal(SIGXFSZ, SIG_IGN);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        return -1;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, signal_thread, &set);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return -1;
    }
    return 0;
}
