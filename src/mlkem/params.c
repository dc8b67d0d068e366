/* The three ML-KEM parameter sets, FIPS 203 §8 Table 2 (sizes: Table 3). */
#include "params.h"

#define EK_BYTES(k) (384u * (k) + 32u)
#define DK_BYTES(k) (768u * (k) + 96u)
#define CT_BYTES(k, du, dv) (32u * ((du) * (k) + (dv)))

const pqs_mlkem_params pqs_mlkem512 = {
    "ML-KEM-512", 2, 3, 2, 10, 4, EK_BYTES(2), DK_BYTES(2), CT_BYTES(2, 10, 4)};
const pqs_mlkem_params pqs_mlkem768 = {
    "ML-KEM-768", 3, 2, 2, 10, 4, EK_BYTES(3), DK_BYTES(3), CT_BYTES(3, 10, 4)};
const pqs_mlkem_params pqs_mlkem1024 = {
    "ML-KEM-1024", 4, 2, 2, 11, 5, EK_BYTES(4), DK_BYTES(4), CT_BYTES(4, 11, 5)};
