/* ML-DSA arithmetic with AVX-512 (x86-64): the native backend for CPUs with AVX-512
 * F/BW/VL, beside the AVX2 one (which it reuses for rejection sampling and bit packing).
 * Every function carries its own target attribute, so the library stays baseline
 * x86-64; the dispatch point (mldsa/backend.c) calls it only on CPUs with AVX-512. */
#ifndef PQS_MLDSA_NATIVE_X86_64_AVX512_H
#define PQS_MLDSA_NATIVE_X86_64_AVX512_H

#include "mldsa/backend.h"

/* The AVX-512 backend, its constant tables initialised (once, thread-safe); NULL when it
 * is not compiled in (not x86-64, or not GCC/Clang). The CPU check (AVX2 and AVX-512)
 * is the caller's. */
const pqs_mldsa_backend *pqs_mldsa_avx512_backend(void);

#endif
