/* SPDX-License-Identifier: MIT */
/* The time dimension of a cube as periods: parsed once, printable normalized. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube.h"
#include "migstat/period.h"

int ms_cube_parse_periods(ms_cube *c, const char **ret_bad) {
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (t < 0)
                return 0;
        ms_dimension *d = &c->dims[t];
        if (d->periods)
                return 0;
        ms_period *p = calloc(d->n_categories ? d->n_categories : 1, sizeof(*p));
        if (!p)
                return -ENOMEM;
        for (size_t k = 0; k < d->n_categories; k++)
                if (ms_period_parse(d->categories[k].code, &p[k]) < 0) {
                        if (ret_bad)
                                *ret_bad = d->categories[k].code;
                        free(p);
                        return -EINVAL;
                }
        d->periods = p;
        return 0;
}

int ms_cube_normalize_periods(ms_cube *c) {
        int r = ms_cube_parse_periods(c, NULL);
        int t = ms_cube_dim_by_role(c, MS_ROLE_TIME);
        if (r < 0 || t < 0)
                return r;
        ms_dimension *d = &c->dims[t];
        for (size_t k = 0; k < d->n_categories; k++) {
                char buf[32];
                ms_period_format(&d->periods[k], buf, sizeof(buf));
                if (strcmp(buf, d->categories[k].code) == 0)
                        continue;
                bool same_label = strcmp(d->categories[k].label, d->categories[k].code) == 0;
                char *code = strdup(buf), *label = same_label ? strdup(buf) : NULL;
                if (!code || (same_label && !label)) {
                        free(code);
                        free(label);
                        return -ENOMEM;
                }
                free(d->categories[k].code);
                d->categories[k].code = code;
                if (same_label) {
                        free(d->categories[k].label);
                        d->categories[k].label = label;
                }
        }
        return 0;
}
