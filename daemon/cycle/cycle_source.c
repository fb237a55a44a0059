/* SPDX-License-Identifier: MIT */
/* A source in one run: its fetched bytes parsed, checked against the
 * dataset asked for, put through the gate and accepted or failed (one state
 * for every way it fails), and since when it has been failing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/log.h"
#include "base/sha256.h"
#include "base/timefmt.h"
#include "cycle/cycle_validate.h"
#include "cycle_source.h"
#include "fetch/source_health.h"
#include "migstat/source.h"

const char *ms_source_state_to_string(ms_source_state s) {
        switch (s) {
        case MS_SOURCE_OK: return "ok";
        case MS_SOURCE_SEED: return "seed";
        case MS_SOURCE_FAILED: return "failed";
        }
        return "unknown";
}

int cycle_log_oom(void) {
        return log_error_errno(-ENOMEM, "out of memory");
}

static int log_source_problem(const ms_source_config *s, int priority, int r, const ms_error *err) {
        char buf[1024], field[128];
        snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", s->id);
        const char *const fields[] = {field, NULL};
        return ms_log_full(priority, r, fields, "source %s: %s", s->id,
                           ms_error_format(err, buf, sizeof(buf)));
}

static int log_source_error(const ms_source_config *s, int r, const ms_error *err) {
        return log_source_problem(s, LOG_ERR, r, err);
}

/* The one way a source fails in a cycle (fetch, parse, the publish gate):
 * no cube, the error and the reason as logged.  Its charts are carried
 * over from the current release, marked stale. */
static int cycle_source_fail(cycle_source *cs, int error, const char *reason) {
        cs->cube = ms_cube_free(cs->cube);
        cs->status.state = MS_SOURCE_FAILED;
        cs->status.error = error < 0 ? error : -EIO;
        snprintf(cs->status.reason, sizeof(cs->status.reason), "%s",
                 reason && reason[0] ? reason : strerror(-error));
        return error == -ENOMEM ? error : 0;
}

/* The source's version in the manifest: the validators and fetch time of
 * the response its bytes came from (none for file:// sources). */
static int cycle_manifest_source_http(ms_manifest *m, const char *id, const ms_cache_meta *meta) {
        char when[32] = "";
        if (meta && meta->fetch_time > 0)
                ms_format_utc(meta->fetch_time, when, sizeof(when), "");
        return ms_manifest_set_source_http(m, id, meta ? meta->etag : NULL, meta ? meta->last_modified : NULL,
                                           when[0] ? when : NULL);
}

/* The parsed cube passed the gate (cs->bytes and cs->sha256 are its body's):
 * it becomes the last good response and enters the manifest. */
static int cycle_accept_source(const ms_config *c, cycle_source *cs, ms_source_fetch *sf, ms_manifest *m) {
        const ms_source_config *s = cs->config;
        const ms_cache_meta *meta = sf->fresh ? &sf->fresh_meta : sf->have_cache ? &sf->cache_meta : NULL;
        ms_source_fetch_commit(c, sf);
        int r = ms_manifest_add_source(m, s->id, s->url, cs->bytes, cs->sha256, cs->cube->updated);
        if (r >= 0)
                r = cycle_manifest_source_http(
                        m, s->id, strncmp(s->url, "file://", 7) == 0 || sf->from_seed ? NULL : meta);
        return r < 0 ? cycle_log_oom() : 0;
}

/* Eurostat says which dataset it answered with (extension.id): once a
 * request for one dataset came back as another (a proxy's or cache's
 * mix-up), which must not be drawn as the one asked for.  Whatever the kind
 * (eurostat, or jsonstat with a URL of the API): it is the URL that asks. */
static int cycle_check_dataset(const ms_source_config *s, const ms_cube *cube, ms_error *err) {
        const char *p = strstr(s->url, "/statistics/1.0/data/");
        if (!p || !cube->dataset_id)
                return 0;
        p += strlen("/statistics/1.0/data/");
        size_t n = strcspn(p, "?");
        if (strlen(cube->dataset_id) == n && strncasecmp(p, cube->dataset_id, n) == 0)
                return 0;
        return ms_error_set(err, -EBADMSG, "extension.id",
                            "expected the dataset %.*s that was asked for, got %s", (int) n, p,
                            cube->dataset_id);
}

/* Normalize one fetched source (fetched in parallel by ms_source_fetch_all())
 * and put it through the gate (compared with its last good data under dir).
 * Errors name the URL (or the file behind a file:// URL, or the seed) and
 * the place in the document.  A fresh body that does not parse falls back
 * to the cached last good response; one that passes becomes it.  A source
 * that fails or is held is recorded as failed (cycle_source_fail()): its
 * charts carry over.  Only running out of memory fails the call. */
int cycle_load_source(const ms_config *c, const char *dir, cycle_source *cs, ms_source_fetch *sf,
                      ms_manifest *m) {
        const ms_source_config *s = cs->config;
        ms_error err = {.file = s->url, .offset = -1};
        ms_log_mark();
        (void) ms_source_fetch_load(c, sf); /* a failure is in sf->error */
        if (sf->error < 0 && !sf->from_cache && !sf->from_seed) {
                /* Not through ms_error: the reason may be longer than its message. */
                char field[128];
                snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", s->id);
                const char *const fields[] = {field, NULL};
                int r = ms_log_full(LOG_ERR, sf->error, fields, "source %s: %s", s->id, sf->reason);
                return cycle_source_fail(cs, r, ms_log_first_error());
        }
        if (sf->from_seed) {
                cs->status = (ms_cycle_source_status){.state = MS_SOURCE_SEED, .error = sf->error};
                snprintf(cs->status.reason, sizeof(cs->status.reason), "source %s: %.400s", s->id,
                         sf->reason);
                err.file = s->seed;
        } else if (strncmp(s->url, "file://", 7) == 0) /* parse errors point into the file */
                err.file = s->url + 7;
        ms_source_options so = ms_source_config_parse_options(s);
        int r = ms_source_parse(s->kind, sf->body.data ? sf->body.data : "", sf->body.len, &so, &cs->cube,
                                &err);
        /* Warn only when there is a cached copy to fall back on (which says
         * so): else the error below says it once. */
        if (r < 0 && sf->fresh && ms_source_fetch_fall_back(c, sf) >= 0) {
                /* One warning with the place: `status` shows the first. */
                size_t l = strlen(err.msg);
                snprintf(err.msg + l, sizeof(err.msg) - l,
                         " (the new response is not usable: using the cached one)");
                (void) log_source_problem(s, LOG_WARNING, r, &err);
                err = (ms_error){.file = "cache", .offset = -1};
                r = ms_source_parse(s->kind, sf->body.data, sf->body.len, &so, &cs->cube, &err);
        }
        if (r >= 0)
                r = cycle_check_dataset(s, cs->cube, &err);
        if (r == -ENOMEM)
                return cycle_log_oom();
        if (r < 0)
                return cycle_source_fail(cs, log_source_error(s, r, &err), ms_log_first_error());
        /* The gate: a body that fails validation or is held is a failed
         * source (its charts keep their files) and never becomes the cached
         * last good response. */
        ms_sha256_hex(sf->body.data ? sf->body.data : "", sf->body.len, cs->sha256);
        cs->bytes = sf->body.len;
        /* Only a fresh HTTP body is needed after the gate (to be cached); any
         * other is freed before the last good data is read beside the cube. */
        if (!sf->fresh || strncmp(s->url, "file://", 7) == 0)
                ms_buf_done(&sf->body);
        ms_cycle_gate g = {.config = c, .publish_dir = dir, .source = s, .sha256 = cs->sha256};
        r = ms_cycle_validate(&g, cs->cube, &cs->warnings, &cs->revised);
        if (r == -ENOMEM)
                return cycle_log_oom();
        if (r < 0) {
                r = cycle_source_fail(cs, r, ms_log_first_error());
                cs->status.held = g.held;
                return r;
        }
        r = cycle_accept_source(c, cs, sf, m);
        if (r < 0)
                return r;
        log_debug("source %s: %zu bytes, %zu cells%s", s->id, cs->bytes, cs->cube->n_cells,
                  sf->not_modified ? " (not modified)"
                  : sf->from_cache ? " (from the cache)"
                  : sf->from_seed  ? " (its seed)"
                                   : "");
        ms_buf_done(&sf->body); /* the cube is all we need of it now */
        return 0;
}

/* The notice of a failing streak, its state in MIGSTAT_SOURCE_STATE=: held
 * (the gate), failed (fetch or parse, no fallback), seed or cache (a
 * fallback stands in). */
static void cycle_log_failing(const char *id, const ms_cycle_source_status *st, const char *since) {
        const char *state = st->held                        ? "held"
                            : st->state == MS_SOURCE_FAILED ? "failed"
                            : st->state == MS_SOURCE_SEED   ? "seed"
                                                            : "cache";
        char field[128], state_field[64];
        snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", id);
        snprintf(state_field, sizeof(state_field), "MIGSTAT_SOURCE_STATE=%s", state);
        const char *const fields[] = {field, state_field, NULL};
        if (st->held)
                (void) ms_log_full(LOG_NOTICE, 0, fields,
                                   "source %s: held since %s (its charts keep their last good files)", id,
                                   since);
        else
                (void) ms_log_full(LOG_NOTICE, 0, fields, "source %s: failing since %s (%s)", id, since,
                                   st->state == MS_SOURCE_SEED     ? "its seed stands in"
                                   : st->state == MS_SOURCE_FAILED ? "its charts keep their last good files"
                                                                   : "its cached response stands in");
}

/* Since when each source that failed, fell back to its seed or to the
 * cache has been failing (kept under the state directory across cycles),
 * into its status, the journal and the manifest; a source that came
 * through ends its streak. */
int cycle_note_health(const ms_config *c, cycle_source *cs, const ms_source_fetch *sf, ms_manifest *m) {
        const ms_source_config *s = cs->config;
        ms_cycle_source_status *st = &cs->status;
        if (st->state == MS_SOURCE_OK && sf->error < 0) { /* served from the cache */
                st->error = sf->error;
                snprintf(st->reason, sizeof(st->reason), "source %s: %.400s", s->id, sf->reason);
        }
        if (st->state == MS_SOURCE_OK && sf->error >= 0) {
                ms_source_health_ok(c->state_dir, s->id);
                return 0;
        }
        ms_source_health_failed(c->state_dir, s->id, (int64_t) time(NULL), &st->failing_since);
        ms_format_utc(st->failing_since, cs->since, sizeof(cs->since), "?");
        cycle_log_failing(s->id, st, cs->since);
        int r = 0;
        if (st->state == MS_SOURCE_FAILED)
                r = ms_manifest_add_source(m, s->id, s->url, 0, NULL, NULL);
        if (r >= 0 && st->state != MS_SOURCE_OK)
                r = ms_manifest_set_source_state(m, s->id, ms_source_state_to_string(st->state), st->reason,
                                                 cs->since);
        else if (r >= 0)
                r = ms_manifest_set_source_state(m, s->id, "ok", st->reason, cs->since);
        return r < 0 ? cycle_log_oom() : 0;
}
