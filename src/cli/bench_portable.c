/* The portable path's figures beside the native ones: the dispatch points choose once
 * per process, so the portable code is measured by a second process of this binary with
 * PQSAFE_FORCE_PORTABLE=1, on the same selection, printing tab-separated rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

/* Arguments are algorithm names, numbers and known options: quote them for sh anyway. */
static int append_quoted(char *cmd, size_t cap, const char *arg)
{
    size_t n = strlen(cmd);
    if (n + 3 >= cap)
        return -1;
    cmd[n++] = ' ';
    cmd[n++] = '\'';
    for (const char *p = arg; *p; p++) {
        if (*p == '\'' || n + 2 >= cap)
            return -1;
        cmd[n++] = *p;
    }
    cmd[n++] = '\'';
    cmd[n] = '\0';
    return 0;
}

int bench_portable_run(bench_peer *out, int argc, char **argv)
{
    char self[2048], cmd[4096] = "env PQSAFE_FORCE_PORTABLE=1";
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return -1;
    self[n] = '\0';
    if (append_quoted(cmd, sizeof cmd, self) != 0)
        return -1;
    strncat(cmd, " bench", sizeof cmd - strlen(cmd) - 1);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-peer") != 0 && append_quoted(cmd, sizeof cmd, argv[i]) != 0)
            return -1;
    }
    strncat(cmd, " --no-peer --rows", sizeof cmd - strlen(cmd) - 1);
    FILE *f = popen(cmd, "r");
    if (f == NULL)
        return -1;
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        bench_peer_row row = {0};
        if (sscanf(line, "%47[^\t]\t%15[^\t]\t%lf", row.alg, row.op, &row.median_us) != 3)
            continue;
        if (out->nrows == cap) {
            cap = cap ? 2 * cap : 64;
            bench_peer_row *grown = realloc(out->rows, cap * sizeof *grown);
            if (grown == NULL)
                break;
            out->rows = grown;
        }
        out->rows[out->nrows++] = row;
    }
    return pclose(f) == 0 && out->nrows > 0 ? 0 : -1;
}
