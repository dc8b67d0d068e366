/* Placeholder table until ML-DSA lands; replaced by the ML-DSA implementation. */
#include "api/sig_impl.h"
const pqs_sig pqs_mldsa_algs[] = {{0}};
