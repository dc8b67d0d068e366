/* Temporary outputs (a file being written, a staging directory) removed when the process
 * is stopped by SIGINT, SIGTERM or SIGHUP, so an interrupted `open` leaves no plaintext
 * behind and an interrupted `seal` no partial file. Creation and tracking happen under
 * one lock, which the cleanup holds until the process ends: nothing is created after it
 * has run. */
#ifndef PQS_CORE_CLEANUP_H
#define PQS_CORE_CLEANUP_H

/* Take the lock before creating a temporary output ... */
void pqs_cleanup_begin(void);
/* ... and release it, tracking path (NULL when the creation failed). */
void pqs_cleanup_end(const char *path, int is_dir);
/* The output was renamed into place or removed: no longer a temporary. */
void pqs_cleanup_forget(const char *path);
/* For the CLI, before it starts any thread: SIGINT, SIGTERM and SIGHUP go to a thread
 * that removes every tracked temporary and then ends the process by the same signal;
 * SIGXFSZ is ignored, so a write over the file size limit fails with EFBIG (a message
 * and the usual cleanup) instead of killing the process. 0 on success. */
int pqs_cleanup_on_signals(void);

#endif
