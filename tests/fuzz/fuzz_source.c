/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for one source kind (FUZZ_KIND, set by the build): parse
 * the input; when it parses, write the cube as CSV and run measures and the
 * validation gate over it, so those see odd cubes too.  Built only with clang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube_csv.h"
#include "migstat/cube_jsonstat.h"
#include "migstat/measure.h"
#include "migstat/source.h"
#include "migstat/unhcr.h"
#include "migstat/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        ms_error err = {.offset = -1};
        ms_source_options o = {.max_cells = 1000000, .allow_negative = true};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        if (strcmp(FUZZ_KIND, "unhcr") == 0) { /* the fetcher asks each page how many follow */
                unsigned page = 0, max_pages = 0;
                if (ms_unhcr_page_info((const char *) data, size, &page, &max_pages, &err) >= 0 &&
                    (page < 1 || max_pages < page))
                        abort();
        }
        if (ms_source_parse(FUZZ_KIND, (const char *) data, size, &o, &c, &err) < 0) {
                /* An error always says what was expected (issue 19). */
                if (err.msg[0] == '\0')
                        abort();
                return 0;
        }
        ms_buf b = {0};
        (void) ms_cube_write_csv(c, &b);
        ms_buf_done(&b);
        static const char *const pipelines[] = {"annual", "ytd", "change:pct", "change-year", "window:3"};
        for (size_t i = 0; i < sizeof(pipelines) / sizeof(pipelines[0]); i++) {
                ms_cube *m = NULL;
                if (ms_measure_apply(c, pipelines[i], NULL, &m, &err) >= 0)
                        ms_cube_free(m);
        }
        if (c->n_dims > 0) {
                ms_cube *s = NULL;
                if (ms_measure_sum(c, c->dims[0].id, &s, &err) >= 0)
                        ms_cube_free(s);
                if (ms_measure_top(c, c->dims[0].id, 2, NULL, &s, &err) >= 0)
                        ms_cube_free(s);
        }
        ms_period now = {.year = 2026, .kind = MS_PERIOD_MONTH, .sub = 11};
        ms_validate_rules rules = {.jump_factor = 3,
                                   .jump_min = 1,
                                   .previous = c,
                                   .now = &now,
                                   .max_age_months = 3,
                                   .check_future = true,
                                   .plausibility = {.max_revised_share = 0.25,
                                                    .max_revision_change = 0.5,
                                                    .revision_min = 1,
                                                    .level_factor = 10,
                                                    .level_min = 1,
                                                    .zeros_min = 1,
                                                    .member_distance = 0.02}};
        ms_validation v = {0};
        (void) ms_validate(c, &rules, &v);
        ms_validation_done(&v);
        /* The daemon's own steps: the time axis, then the normalized
         * JSON-stat that must read back (the next run's last good data). */
        ms_error e2 = {.offset = -1};
        if (ms_cube_normalize_time(c, &e2) < 0)
                return 0;
        ms_cube *back = NULL;
        if (ms_cube_write_jsonstat(c, &b) >= 0 &&
            ms_source_parse("jsonstat", b.data, b.len, NULL, &back, &e2) >= 0) {
                rules.previous = back;
                (void) ms_validate(c, &rules, &v);
                ms_validation_done(&v);
                ms_cube_free(back);
        }
        ms_buf_done(&b);
        return 0;
}
