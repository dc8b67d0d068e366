/* Placeholder table until ML-KEM lands; replaced by the ML-KEM implementation. */
#include "api/kem_impl.h"
const pqs_kem pqs_mlkem_algs[] = {{0}};
