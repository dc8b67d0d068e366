#ifndef PQS_CLI_DEMO_MODEL_H
#define PQS_CLI_DEMO_MODEL_H

/* Write a synthetic model of about size_mib MiB into the new directory dir. */
int pqs_demo_make_model(const char *dir, unsigned size_mib);

#endif
