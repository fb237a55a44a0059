/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "migstat/chart_data.h"
#include "migstat/cube_csv.h"
#include "cycle/cycle.h"
#include "cycle/cycle_data.h"
#include "cycle/cycle_validate.h"
#include "publish/editions.h"
#include "fetch/fetch.h"
#include "base/fileio.h"
#include "publish/gallery.h"
#include "publish/hook.h"
#include "fetch/source_fetch.h"
#include "migstat/jsonstat.h"
#include "base/log.h"
#include "publish/manifest.h"
#include "base/sha256.h"
#include "publish/publish.h"
#include "publish/snippet.h"
#include "migstat/source.h"
#include "cycle_carry.h"
#include "cycle_render.h"
#include "cycle_embeds.h"
#include "cycle_specs.h"
#include "fetch/source_health.h"

typedef struct cycle_source {
        const ms_source_config *config;
        ms_cube *cube; /* NULL when the source failed */
        size_t bytes;
        char sha256[65];
        ms_cycle_warnings warnings; /* of the validation gate, for the manifest */
        ms_cycle_source_status status;
        char since[32]; /* status.failing_since as UTC text, "" when ok */
        ms_cycle_warnings revised; /* cells revised since the last good data */
} cycle_source;

const char *ms_source_state_to_string(ms_source_state s) {
        switch (s) {
        case MS_SOURCE_OK: return "ok";
        case MS_SOURCE_SEED: return "seed";
        case MS_SOURCE_FAILED: return "failed";
        }
        return "unknown";
}

static int log_oom(void) {
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
        struct tm tm;
        time_t t = meta ? (time_t) meta->fetch_time : 0;
        if (t > 0 && gmtime_r(&t, &tm))
                strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
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
        return r < 0 ? log_oom() : 0;
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
static int cycle_load_source(const ms_config *c, const char *dir, cycle_source *cs, ms_source_fetch *sf,
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
                return log_oom();
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
                return log_oom();
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

static const cycle_source *cycle_find_source(const cycle_source *cs, size_t n, const char *id) {
        for (size_t i = 0; id && i < n; i++)
                if (strcmp(cs[i].config->id, id) == 0)
                        return &cs[i];
        return NULL;
}

typedef struct cycle_sources {
        const cycle_source *cs;
        size_t n;
} cycle_sources;

static const ms_cube *cycle_find_cube(const char *id, void *userdata) {
        const cycle_sources *s = userdata;
        for (size_t i = 0; i < s->n; i++)
                if (strcmp(s->cs[i].config->id, id) == 0)
                        return s->cs[i].cube;
        return NULL;
}

/* data/<source>.csv and data/<source>.json: the normalized cube of every
 * healthy source; a failed (or held) source keeps the files of its last
 * good data, if the release `current` points at has them. */
static int cycle_add_data(const ms_config *c, const cycle_source *cs, const cycle_previous *prev,
                          ms_release *rel, ms_manifest *m) {
        for (size_t i = 0; i < c->n_sources; i++) {
                if (!cs[i].cube) {
                        int r = cycle_carry_source_data(prev, cs[i].config->id, rel, m);
                        if (r < 0 && r != -ENOENT)
                                return r;
                        continue;
                }
                int r = ms_cycle_add_csv(cs[i].config->id, cs[i].cube, rel, m);
                if (r >= 0)
                        r = ms_cycle_add_normalized(cs[i].config->id, cs[i].cube, &cs[i].revised, rel, m);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* The edition of this release: the latest reference period of its charts. */
static int cycle_edition(const cycle_chart *cc, size_t n, char *ret, size_t size) {
        _cleanup_free_ const char **codes = calloc(n * MS_LANG_COUNT + 1, sizeof(*codes));
        if (!codes)
                return log_oom();
        for (size_t i = 0; i < n; i++)
                for (int l = 0; l < MS_LANG_COUNT; l++)
                        codes[i * MS_LANG_COUNT + (size_t) l] =
                                cycle_chart_reference_period(&cc[i], (ms_lang) l);
        int r = ms_edition_from_periods(codes, n * MS_LANG_COUNT, ret, size);
        return r < 0 ? log_error_errno(r, "publish: no chart has a reference period to name the edition") : 0;
}

/* The name of the release `current` points at ("" when there is none). */
static void cycle_current_name(const char *dir, char *ret, size_t size) {
        char path[PATH_MAX], target[PATH_MAX];
        snprintf(path, sizeof(path), "%s/current", dir);
        ssize_t l = readlink(path, target, sizeof(target) - 1);
        target[l > 0 ? l : 0] = '\0';
        const char *slash = strrchr(target, '/');
        const char *name = slash ? slash + 1 : target;
        size_t n = strnlen(name, size - 1);
        memcpy(ret, name, n);
        ret[n] = '\0';
}

/* index.json, compared against the release `current` points at (its
 * manifest, prev, as cycle_previous_load() read it: NULL if none). */
static int cycle_add_manifest(const char *dir, const cJSON *prev, ms_release *rel, ms_manifest *m) {
        char name[256];
        ms_buf b = {0};
        ms_error err = {.offset = -1};
        cycle_current_name(dir, name, sizeof(name));
        int r = ms_manifest_compare_previous(m, name, prev);
        if (r >= 0)
                r = ms_manifest_write(m, &b);
        if (r >= 0)
                r = ms_release_add(rel, "index.json", b.data, b.len, &err);
        ms_buf_done(&b);
        return r < 0 ? log_error_errno(r, "publish: %s", err.msg[0] ? err.msg : "out of memory") : 0;
}

/* The manifest names its release and when it was published (the one clock
 * time in it: the release's name is its UTC publication time). */
static int cycle_name_release(ms_release *rel, const char *timestamp, ms_manifest *m) {
        char published[32] = "";
        if (!timestamp)
                return 0;
        ms_buf health = {0};
        if (ms_manifest_health_text(m, &health) < 0)
                return ms_buf_done(&health), log_oom();
        const char *name = ms_release_name(rel, timestamp, health.data);
        ms_buf_done(&health);
        if (strlen(timestamp) == 16) /* YYYYMMDDTHHMMSSZ */
                snprintf(published, sizeof(published), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", timestamp,
                         timestamp + 4, timestamp + 6, timestamp + 9, timestamp + 11, timestamp + 13);
        return ms_manifest_set_release(m, name, published) < 0 ? log_oom() : 0;
}

static int cycle_add_gallery(ms_release *rel, const ms_buf *gallery) {
        ms_error err = {.offset = -1};
        int r = ms_release_add(rel, "index.html", gallery->data, gallery->len, &err);
        return r < 0 ? log_error_errno(r, "publish: %s", err.msg[0] ? err.msg : "out of memory") : 0;
}

/* 1 for "unchanged", with the current release's name in *ret_release. */
static int cycle_keep_current(const char *dir, const char *why, char **ret_release) {
        char cur[256];
        cycle_current_name(dir, cur, sizeof(cur));
        log_info("%s the current release %s: nothing to publish", why, cur);
        if (ret_release && !(*ret_release = strdup(cur)))
                return log_oom();
        return 1;
}

/* 1 when every file but the manifest equals the current release's and the
 * manifest says the same about failing sources: the release is dropped
 * (its staging removed) and the current one named. */
static int cycle_unchanged(const char *dir, const ms_release *rel, const ms_cycle_options *o,
                           const cycle_previous *prev, const ms_manifest *m, char **ret_release) {
        if (o->force || !ms_release_same_as_previous(rel, "index.json") ||
            !ms_manifest_same_health(m, prev->manifest))
                return 0;
        return cycle_keep_current(dir, "publish: every chart and file equals", ret_release);
}

/* After the release is current: its edition link, retention, the hook.
 * None of them can take the release back, so each failure is logged and
 * the first one returned for the caller's status, not as a failed cycle. */
static int cycle_after_commit(const ms_config *c, const char *dir, const char *edition, const char *name,
                              const ms_cycle_options *o) {
        ms_error err = {.offset = -1};
        int r = ms_edition_set(dir, edition, name, &err);
        if (r < 0)
                log_error_errno(r, "publish: edition %s: %s (the release %s is current)", edition, err.msg,
                                name);
        err = (ms_error){.offset = -1};
        int q = ms_release_prune(dir, c->keep_releases, &err);
        if (q < 0)
                log_warning_errno(q, "publish: retention: %s, ignoring", err.msg);
        else if (q > 0)
                log_info("publish: removed %d old release(s)", q);
        if (!c->post_publish_hook)
                return r;
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/releases/%s", dir, name);
        _cleanup_free_ char *abs = realpath(path, NULL);
        err = (ms_error){.offset = -1};
        q = ms_hook_run(c->post_publish_hook, abs ? abs : path, c->hook_timeout_sec, &err);
        if (o->hook_status) {
                o->hook_status->result = q;
                snprintf(o->hook_status->message, sizeof(o->hook_status->message), "%s",
                         q < 0 ? err.msg : "ok");
        }
        if (q < 0)
                log_error_errno(q, "publish: post-publish hook failed: %s (the release stays current)",
                                err.msg);
        return r;
}

/* The first source chart spec s reads that failed, or NULL. */
static const cycle_source *cycle_failed_source(const cycle_source *cs, size_t n, const ms_chart_spec *s) {
        const char *id;
        for (size_t i = 0; (id = cycle_spec_source(s, i)); i++) {
                const cycle_source *src = id[0] ? cycle_find_source(cs, n, id) : NULL;
                if (src && !src->cube)
                        return src;
        }
        return NULL;
}

static const char *cycle_source_sha(const char *id, void *userdata) {
        const cycle_sources *s = userdata;
        const cycle_source *src = cycle_find_source(s->cs, s->n, id);
        return src && src->cube ? src->sha256 : NULL;
}

/* Decide per chart: drawn, or carried over (its source failed: stale; or
 * nothing it reads changed), or left out (its source failed and the
 * current release has no files of it).  Left-out charts are removed from
 * cc (their specs stay in the caller's array). */
static void cycle_plan_charts(const ms_config *c, const cycle_sources *srcs, const cycle_previous *prev,
                              const ms_release *rel, bool force, cycle_chart *cc, size_t *n) {
        size_t k = 0, carried = 0, stale = 0;
        for (size_t i = 0; i < *n; i++) {
                cycle_chart *x = &cc[i];
                const cycle_source *bad = cycle_failed_source(srcs->cs, srcs->n, x->spec);
                if (bad) {
                        x->stale_source = bad->config->id;
                        x->stale_reason = bad->status.reason;
                        x->stale_since = bad->since;
                        if (!cycle_carry_prepare(prev, rel, x, false)) {
                                log_warning(
                                        "chart %s left out: source %s failed and no release has its files yet",
                                        x->spec->id, bad->config->id);
                                continue;
                        }
                        log_warning(
                                "chart %s: source %s failed; its files of the current release stay (stale)",
                                x->spec->id, bad->config->id);
                        stale++;
                } else if (cycle_chart_inputs(c, x, cycle_source_sha, (void *) srcs) && !force &&
                           cycle_carry_prepare(prev, rel, x, true))
                        carried++;
                cc[k++] = *x;
        }
        log_info("charts: %zu to draw, %zu carried over unchanged, %zu stale, %zu left out",
                 k - carried - stale, carried, stale, *n - k);
        *n = k;
}

/*
 * The publishing half of a cycle, once every source is loaded or failed (cs):
 * expand the specs (for_each), plan which charts to draw, carry or leave out
 * (a failed source's charts keep their last good files from `current`; a
 * chart whose inputs did not change is carried), draw the rest on the render
 * threads, add embeds, data files, gallery and manifest to a staging release,
 * then commit it as `current` and do the after-commit steps (edition link,
 * retention, hook).  Returns 0 with the new release's name in *ret_release;
 * 1 with the current release's name when every file came out as in it
 * (nothing published); or a negative errno, already logged, with `current`
 * untouched unless the failure came after the swap (an edition link).
 */
static int cycle_publish(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o,
                         const cycle_source *cs, ms_manifest *m, char **ret_release) {
        const char *dir = o->publish_dir ? o->publish_dir : c->publish_dir;
        ms_error err = {.offset = -1};
        _cleanup_(ms_release_freep) ms_release *rel = NULL;
        _cleanup_(cycle_previous_done) cycle_previous prev = {0};
        int r = ms_release_begin(dir, &rel, &err);
        if (r < 0)
                return log_error_errno(r, "publish: %s", err.msg);
        cycle_previous_load(dir, &prev);
        cycle_sources srcs = {.cs = cs, .n = c->n_sources};
        ms_chart_spec **specs = NULL;
        _cleanup_free_ const char **parents = NULL;
        size_t n_specs = 0, n = 0;
        r = cycle_specs_expand(c, cycle_find_cube, &srcs, &prev, &specs, &parents, &n_specs);
        cycle_chart *cc = r >= 0 ? calloc(n_specs + 1, sizeof(*cc)) : NULL;
        if (r >= 0 && !cc)
                r = log_oom();
        for (size_t i = 0; r >= 0 && i < n_specs; i++) {
                cc[i].spec = specs[i];
                cc[i].parent_id = parents[i];
                /* The validation warnings of the data a chart draws on go
                 * into its manifest entry. */
                const cycle_source *src = cycle_find_source(cs, c->n_sources, specs[i]->source),
                                   *popsrc = cycle_find_source(cs, c->n_sources, specs[i]->population);
                cc[i].warnings[0] = src ? &src->warnings : NULL;
                cc[i].warnings[1] = popsrc ? &popsrc->warnings : NULL;
                cc[i].updated = src && src->cube ? src->cube->updated : NULL;
                if (src && src->cube && src->revised.total > 0 &&
                    (r = ms_cycle_note_revisions(specs[i], src->revised.total)) < 0)
                        r = log_oom();
        }
        n = n_specs;
        if (r >= 0)
                cycle_plan_charts(c, &srcs, &prev, rel, o->force, cc, &n);
        if (r >= 0 && n == 0)
                r = log_error_errno(-ENODATA, "publish: no chart to publish: every chart's source failed");
        if (r >= 0)
                r = cycle_render_all(cc, n, c->render_threads, rr, cycle_find_cube, &srcs, rel);
        char edition[32];
        ms_buf gallery = {0};
        if (r >= 0)
                r = cycle_edition(cc, n, edition, sizeof(edition));
        if (r >= 0 && (r = ms_manifest_set_edition(m, edition)) < 0)
                r = log_oom();
        if (r >= 0)
                r = cycle_add_embeds(c, cc, n, edition, rel, m, &gallery);
        cycle_charts_free(cc, n);
        cycle_specs_free(specs, n_specs);
        if (r >= 0)
                r = cycle_add_data(c, cs, &prev, rel, m);
        if (r >= 0)
                r = cycle_add_gallery(rel, &gallery);
        ms_buf_done(&gallery);
        if (r >= 0 && (r = cycle_unchanged(dir, rel, o, &prev, m, ret_release)) != 0)
                return r;
        if (r >= 0)
                r = cycle_name_release(rel, o->timestamp, m);
        if (r >= 0)
                r = cycle_add_manifest(dir, prev.manifest, rel, m);
        _cleanup_free_ char *name = NULL;
        if (r >= 0 && (r = ms_release_commit(rel, o->timestamp, &name, &err)) < 0)
                return log_error_errno(r, "publish: %s", err.msg[0] ? err.msg : "out of memory");
        if (r < 0)
                return r;
        /* current is the new release now; a missing edition link still
         * fails the run, so that status and the exit code say so. */
        r = cycle_after_commit(c, dir, edition, name, o);
        if (r < 0)
                return r;
        if (ret_release)
                *ret_release = TAKE_PTR(name);
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
static int cycle_note_health(const ms_config *c, cycle_source *cs, const ms_source_fetch *sf,
                             ms_manifest *m) {
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
        ms_source_health_format(st->failing_since, cs->since, sizeof(cs->since));
        cycle_log_failing(s->id, st, cs->since);
        int r = 0;
        if (st->state == MS_SOURCE_FAILED)
                r = ms_manifest_add_source(m, s->id, s->url, 0, NULL, NULL);
        if (r >= 0 && st->state != MS_SOURCE_OK)
                r = ms_manifest_set_source_state(m, s->id, ms_source_state_to_string(st->state), st->reason,
                                                 cs->since);
        else if (r >= 0)
                r = ms_manifest_set_source_state(m, s->id, "ok", st->reason, cs->since);
        return r < 0 ? log_oom() : 0;
}

int ms_cycle_run(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, char **ret_release) {
        _cleanup_(ms_manifest_freep) ms_manifest *m = NULL;
        ms_source_fetch *fetched = NULL;
        cycle_source *cs = calloc(c->n_sources ? c->n_sources : 1, sizeof(*cs));
        int r = cs ? ms_manifest_new(&m) : -ENOMEM;
        if (r >= 0)
                r = ms_source_fetch_all(c, o->due, &fetched);
        const char *dir = o->publish_dir ? o->publish_dir : c->publish_dir;
        bool unchanged = r >= 0 && o->if_changed && !o->force && ms_source_fetch_unchanged(c, fetched, dir);
        for (size_t i = 0; r == 0 && i < c->n_sources; i++) {
                cs[i].config = &c->sources[i];
                if (unchanged) /* nothing is parsed: the states come from the fetch */
                        cs[i].status.state = fetched[i].from_seed ? MS_SOURCE_SEED : MS_SOURCE_OK;
                else
                        r = cycle_load_source(c, dir, &cs[i], &fetched[i], m);
                if (r >= 0)
                        r = cycle_note_health(c, &cs[i], &fetched[i], m);
        }
        fetched = ms_source_fetch_free_all(fetched, c->n_sources);
        if (r == 0 && unchanged)
                r = cycle_keep_current(dir, "no source changed since", ret_release);
        else if (r == 0)
                r = cycle_publish(c, rr, o, cs, m, ret_release);
        for (size_t i = 0; cs && i < c->n_sources; i++) {
                if (o->source_status)
                        o->source_status[i] = cs[i].status;
                ms_cube_free(cs[i].cube);
                ms_cycle_warnings_done(&cs[i].warnings);
                ms_cycle_warnings_done(&cs[i].revised);
        }
        free(cs);
        if (r == -ENOMEM)
                log_error("out of memory");
        return r;
}

/* The release's name is its UTC publication time: the one place where the
 * clock enters a release (the manifest and the charts never see it). */
int ms_cycle_run_now(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, char **ret_release) {
        struct timespec now;
        struct tm tm;
        char ts[32];
        if (clock_gettime(CLOCK_REALTIME, &now) < 0 || !gmtime_r(&now.tv_sec, &tm))
                return log_error_errno(errno, "cannot read the clock: %m");
        strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
        ms_cycle_options on = *o;
        on.timestamp = ts;
        return ms_cycle_run(c, rr, &on, ret_release);
}
