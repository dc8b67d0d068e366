/* ML-KEM arithmetic with AVX2 (x86-64): the native backend beside the portable code.
 * Every function carries its own target attribute, so the library stays baseline
 * x86-64; the dispatch point (mlkem/backend.c) calls it only on CPUs with AVX2. */
#ifndef PQS_MLKEM_NATIVE_X86_64_AVX2_H
#define PQS_MLKEM_NATIVE_X86_64_AVX2_H

#include "mlkem/backend.h"

/* The AVX2 backend, its constant tables initialised (once, thread-safe); NULL when it
 * is not compiled in (not x86-64, or not GCC/Clang). The CPU check is the caller's. */
const pqs_mlkem_backend *pqs_mlkem_avx2_backend(void);
/* The same with the functions that AVX-512 (F/VL/BW) speeds up, for CPUs with
 * PQS_CPU_AVX512; vbmi2 nonzero (CPUs with PQS_CPU_AVX512VBMI2 too) adds the VBMI2
 * rejection sampler. */
const pqs_mlkem_backend *pqs_mlkem_avx512_backend(int vbmi2);

#endif
