/* Every signature algorithm signs and verifies a model (ML-DSA-44/65/87 and all twelve
 * SLH-DSA sets); the bundle names it, and a key of any other algorithm is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modelsign_fixture.h"
#include "pqs_test.h"

int main(void)
{
    char *dir = fx_tmpdir("algs");
    fx_write_random(dir, "weights.bin", 100000);
    fx_write(dir, "config.json", "{}", 2);
    fx_key prev = {0};
    const pqs_sig *alg;
    for (size_t i = 0; (alg = pqs_sig_at(i)) != NULL; i++) {
        fx_key key;
        fx_key_new(&key, alg->name);
        pqs_model_key priv = fx_model_key(&key, 1), pub = fx_model_key(&key, 0);
        int rc = pqs_model_sign(dir, &priv, NULL);
        CHECK(rc == PQS_OK, "%s: sign %d %s", alg->name, rc, pqs_error_detail());
        pqs_model_report *r = NULL;
        rc = pqs_model_verify(dir, &pub, NULL, &r);
        CHECK(rc == PQS_OK && r && strcmp(r->algorithm, alg->name) == 0, "%s: verify %d %s",
              alg->name, rc, pqs_error_detail());
        pqs_model_report_free(r);
        fx_flip(dir, "weights.bin", 99999);
        rc = pqs_model_verify(dir, &pub, NULL, NULL);
        CHECK(rc == PQS_E_VERIFY && strstr(pqs_error_detail(), "changed 'weights.bin'"),
              "%s: tamper %d %s", alg->name, rc, pqs_error_detail());
        fx_flip(dir, "weights.bin", 99999);
        if (prev.alg != NULL) {
            pqs_model_key other = fx_model_key(&prev, 0);
            char want[128];
            snprintf(want, sizeof want, "signed with %s but the key is %s", alg->name,
                     prev.alg->name);
            rc = pqs_model_verify(dir, &other, NULL, NULL);
            CHECK(rc == PQS_E_VERIFY && strstr(pqs_error_detail(), want), "%s: got %d %s",
                  want, rc, pqs_error_detail());
            fx_key_free(&prev);
        }
        prev = key;
    }
    fx_key_free(&prev);
    fx_rm_rf(dir);
    free(dir);
    return pqs_test_done("test_modelsign_algs");
}
