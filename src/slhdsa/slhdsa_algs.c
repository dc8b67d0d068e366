/* Placeholder table until SLH-DSA lands; replaced by the SLH-DSA implementation. */
#include "api/sig_impl.h"
const pqs_sig pqs_slhdsa_algs[] = {{0}};
