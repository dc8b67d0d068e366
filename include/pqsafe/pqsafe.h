/* pqsafe — quantum-safe cryptography for AI infrastructure. One include for everything. */
#ifndef PQSAFE_PQSAFE_H
#define PQSAFE_PQSAFE_H

#include "common.h"
#include "kem.h"
#include "sig.h"
#include "keys.h"
#include "age.h"
#include "modelsign.h"

#endif
