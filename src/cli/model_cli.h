/* pqsafe model: helpers shared by cmd_model.c and model_output.c. */
#ifndef PQS_CLI_MODEL_CLI_H
#define PQS_CLI_MODEL_CLI_H

#include <stdlib.h>

#include "pqsafe/modelsign.h"

typedef struct {
    double start;
    int drawn;
} model_progress;

/* Draw a progress bar on stderr while hashing, when stderr is a terminal. */
void model_progress_attach(model_progress *p, pqs_model_options *o);
/* End the bar's line, if one was drawn. */
void model_progress_end(model_progress *p);

/* The verification result on stdout: one line per finding, then "OK: ..." on success. */
void model_print_text(const char *model, const pqs_model_report *r, int rc);
/* The same as one JSON object (r may be NULL when the bundle could not be read). */
int model_print_json(const char *model, const pqs_model_report *r, int rc, const char *error);

#endif
