/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migstat/buf.h"
#include "migstat/cycle.h"
#include "migstat/fileio.h"
#include "migstat/log.h"
#include "migstat/runner.h"

/* The manifest of the release `current` points at, or NULL when there is none. */
static char *runner_read_manifest(const char *publish_dir, const char *release, size_t *ret_len) {
        char path[PATH_MAX];
        if (release)
                snprintf(path, sizeof(path), "%s/releases/%s/index.json", publish_dir, release);
        else
                snprintf(path, sizeof(path), "%s/current/index.json", publish_dir);
        _cleanup_fclose_ FILE *f = fopen(path, "re");
        if (!f)
                return NULL;
        char *data = NULL;
        size_t len = 0;
        _cleanup_fclose_ FILE *m = open_memstream(&data, &len);
        if (!m)
                return NULL;
        char buf[16384];
        for (size_t n; (n = fread(buf, 1, sizeof(buf), f)) > 0;)
                if (fwrite(buf, 1, n, m) != n)
                        break;
        if (ferror(f) || fflush(m) != 0) {
                fclose(TAKE_PTR(m));
                free(data);
                return NULL;
        }
        fclose(TAKE_PTR(m));
        *ret_len = len;
        return data;
}

int ms_run_cycle(const ms_config *c, ms_renderer *rr, const char *publish_dir, ms_run_result *ret) {
        const char *dir = publish_dir ? publish_dir : c->publish_dir;
        size_t old_len = 0, new_len = 0;
        _cleanup_free_ char *old = runner_read_manifest(dir, NULL, &old_len);
        _cleanup_free_ char *release = NULL;
        *ret = (ms_run_result){.outcome = MS_RUN_FAILED};
        int r = ms_cycle_run_now(c, rr, publish_dir, &release);
        if (r < 0) {
                ret->error = r;
                return r;
        }
        _cleanup_free_ char *new = runner_read_manifest(dir, release, &new_len);
        bool same = old && new && old_len == new_len && memcmp(old, new, old_len) == 0;
        ret->outcome = same ? MS_RUN_UNCHANGED : MS_RUN_PUBLISHED;
        ret->release = TAKE_PTR(release);
        return 0;
}

void ms_run_result_done(ms_run_result *r) {
        free(r->release);
        *r = (ms_run_result){.outcome = MS_RUN_FAILED};
}

const char *ms_run_outcome_to_string(ms_run_outcome o) {
        switch (o) {
        case MS_RUN_PUBLISHED: return "published";
        case MS_RUN_UNCHANGED: return "unchanged";
        case MS_RUN_FAILED: return "failed";
        }
        return "unknown";
}
