/* Setting the per-thread error detail that pqs_error_detail() returns. */
#ifndef PQS_CORE_ERROR_H
#define PQS_CORE_ERROR_H

/* Record a one-line detail and return err, so parsers can write
 * `return pqs_error_set(PQS_E_DECODE, "trailing bytes after the key");` */
int pqs_error_set(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pqs_error_clear(void);

#endif
