/* pqsafe model: the progress bar (only on a terminal) and the verification report as
 * text or JSON. */
#include <jansson.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "model_cli.h"

#define BAR_WIDTH 30

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    model_progress *p = ctx;
    if (done > total)
        done = total;
    double frac = total ? (double)done / (double)total : 1.0;
    double secs = now_seconds() - p->start;
    int fill = (int)(frac * BAR_WIDTH);
    char bar[BAR_WIDTH + 1];
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\rhashing [%s] %3d%%  %.2f / %.2f GiB  %.0f MiB/s ", bar, (int)(frac * 100),
            (double)done / (1u << 30), (double)total / (1u << 30),
            secs > 0 ? (double)done / (1u << 20) / secs : 0.0);
    p->drawn = 1;
}

void model_progress_attach(model_progress *p, pqs_model_options *o)
{
    p->start = now_seconds();
    p->drawn = 0;
    if (isatty(STDERR_FILENO)) {
        o->progress = progress;
        o->progress_ctx = p;
    }
}

void model_progress_end(model_progress *p)
{
    if (p->drawn)
        fputc('\n', stderr);
    p->drawn = 0;
}

static const char *kind_word(int kind)
{
    return kind == PQS_MODEL_CHANGED ? "changed" : kind == PQS_MODEL_MISSING ? "missing" : "extra";
}

void model_print_text(const char *model, const pqs_model_report *r, int rc)
{
    for (size_t i = 0; r != NULL && i < r->n_findings; i++)
        printf("%-8s %s\n", kind_word(r->findings[i].kind), r->findings[i].path);
    if (rc == PQS_OK)
        printf("OK: %s matches its %s signature (%zu resources, %s method, root sha256:%s)\n",
               model, r->algorithm, r->n_resources, r->method, r->root_digest);
}

static json_t *findings_of(const pqs_model_report *r, int kind)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && r != NULL && i < r->n_findings; i++) {
        if (r->findings[i].kind == kind)
            json_array_append_new(a, json_string(r->findings[i].path));
    }
    return a;
}

int model_print_json(const char *model, const pqs_model_report *r, int rc, const char *error)
{
    json_t *o = json_pack("{s:s, s:b, s:s?, s:s?, s:s?, s:s?, s:I, s:o, s:o, s:o, s:s?}",
                          "model", model, "verified", rc == PQS_OK,
                          "algorithm", r && r->algorithm[0] ? r->algorithm : NULL,
                          "method", r && r->method[0] ? r->method : NULL,
                          "model_name", r ? r->model_name : NULL,
                          "root_digest", r && r->root_digest[0] ? r->root_digest : NULL,
                          "resources", (json_int_t)(r ? r->n_resources : 0),
                          "changed", findings_of(r, PQS_MODEL_CHANGED),
                          "missing", findings_of(r, PQS_MODEL_MISSING),
                          "extra", findings_of(r, PQS_MODEL_EXTRA),
                          "error", rc == PQS_OK ? NULL : error);
    char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
    json_decref(o);
    if (s == NULL)
        return -1;
    puts(s);
    free(s);
    return 0;
}
