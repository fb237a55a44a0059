/* SPDX-License-Identifier: MIT */
/* The validation record: findings per check, counted and kept, shared by the
 * structural checks (validate.c) and the plausibility gate (plausible.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/buf.h"
#include "migstat/validate.h"

int ms_validation_add(ms_validation *v, ms_validate_level level, const char *check, const char *fmt, ...) {
        if (level == MS_VALIDATE_ERROR)
                v->n_errors++;
        else
                v->n_warnings++;
        if (v->n_findings >= MS_VALIDATE_MAX_FINDINGS)
                return 0; /* counted, not kept */
        int r = MS_GROW(v->findings, v->cap_findings, v->n_findings + 1);
        if (r < 0)
                return r;
        ms_finding *f = &v->findings[v->n_findings++];
        *f = (ms_finding){.level = level, .check = check};
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
        va_end(ap);
        return 0;
}

const char *ms_validate_cell_name(const ms_cube *c, const size_t *pos, size_t skip, char *buf, size_t n) {
        size_t len = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < c->n_dims && len < n; i++)
                if (i != skip)
                        len += (size_t) snprintf(buf + len, n - len, "%s%s=%s", len ? ", " : "",
                                                 c->dims[i].id, c->dims[i].categories[pos[i]].code);
        return buf;
}

void ms_validation_done(ms_validation *v) {
        if (!v)
                return;
        free(v->findings);
        *v = (ms_validation){0};
}

size_t ms_validation_count(const ms_validation *v, const char *check) {
        size_t n = 0;
        for (size_t i = 0; i < v->n_findings; i++)
                n += strcmp(v->findings[i].check, check) == 0;
        return n;
}
