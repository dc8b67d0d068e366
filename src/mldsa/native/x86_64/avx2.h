/* ML-DSA arithmetic with AVX2 (x86-64): the native backend beside the portable code.
 * Every function carries its own target attribute, so the library stays baseline
 * x86-64; the dispatch point (mldsa/backend.c) calls it only on CPUs with AVX2. */
#ifndef PQS_MLDSA_NATIVE_X86_64_AVX2_H
#define PQS_MLDSA_NATIVE_X86_64_AVX2_H

#include "mldsa/backend.h"

/* The AVX2 backend, its constant tables initialised (once, thread-safe); NULL when it
 * is not compiled in (not x86-64, or not GCC/Clang). The CPU check is the caller's. */
const pqs_mldsa_backend *pqs_mldsa_avx2_backend(void);

#endif
