/* The child process running interop_peer.js, and the line protocol spoken with it. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interop.h"
#include "pqs_test.h"

int interop_peer_start(interop_peer *p, const char *node, const char *script)
{
    int to_child[2], from_child[2];
    memset(p, 0, sizeof *p);
    /* A dead peer must show up as a failed read, not kill the test with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    if (pipe(to_child) != 0 || pipe(from_child) != 0)
        return -1;
    p->pid = fork();
    if (p->pid < 0)
        return -1;
    if (p->pid == 0) {
        dup2(to_child[0], STDIN_FILENO);
        dup2(from_child[1], STDOUT_FILENO);
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        execl(node, node, script, (char *)NULL);
        fprintf(stderr, "interop: cannot run %s\n", node);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    p->to = fdopen(to_child[1], "w");
    p->from = fdopen(from_child[0], "r");
    return (p->to != NULL && p->from != NULL) ? 0 : -1;
}

void interop_peer_stop(interop_peer *p)
{
    if (p->to != NULL)
        fclose(p->to);   /* end of input: the script exits */
    if (p->from != NULL)
        fclose(p->from);
    if (p->pid > 0)
        waitpid(p->pid, NULL, 0);
    free(p->line);
    memset(p, 0, sizeof *p);
}

void interop_req_begin(interop_peer *p, const char *cmd, const char *alg)
{
    fprintf(p->to, "%s %s", cmd, alg);
}

void interop_req_hex(interop_peer *p, const uint8_t *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    fputc(' ', p->to);
    if (len == 0)
        fputc('-', p->to);   /* the protocol's empty byte string */
    for (size_t i = 0; i < len; i++) {
        fputc(digits[buf[i] >> 4], p->to);
        fputc(digits[buf[i] & 15], p->to);
    }
}

/* Split the answer line into words in place. */
static void split_words(interop_peer *p)
{
    char *save = NULL;
    p->nwords = 0;
    for (char *w = strtok_r(p->line, " \n", &save); w != NULL && p->nwords < INTEROP_MAX_WORDS;
         w = strtok_r(NULL, " \n", &save))
        p->word[p->nwords++] = w;
}

int interop_req_end(interop_peer *p)
{
    fputc('\n', p->to);
    if (fflush(p->to) != 0 || getline(&p->line, &p->cap, p->from) < 0) {
        CHECK(0, "interop peer died (see its stderr above)");
        return -1;
    }
    if (strncmp(p->line, "ok", 2) != 0) {
        CHECK(0, "interop peer: %s", p->line);
        return -1;
    }
    split_words(p);
    return p->nwords - 1;
}

const char *interop_ans_word(const interop_peer *p, int i)
{
    return (i > 0 && i < p->nwords) ? p->word[i] : "";
}

uint8_t *interop_ans_hex(const interop_peer *p, int i, size_t *len)
{
    const char *w = interop_ans_word(p, i);
    return pqs_test_unhex(strcmp(w, "-") == 0 ? "" : w, len);
}
