/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "migstat/chart_data.h"
#include "migstat/cycle.h"
#include "migstat/fetch.h"
#include "migstat/source_fetch.h"
#include "migstat/jsonstat.h"
#include "migstat/log.h"
#include "migstat/manifest.h"
#include "migstat/publish.h"
#include "migstat/source.h"

typedef struct cycle_source {
        const ms_source_config *config;
        ms_cube *cube;
        size_t bytes;
        char sha256[65];
} cycle_source;

static int log_source_error(const ms_source_config *s, int r, const ms_error *err) {
        char buf[1024], field[128];
        snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", s->id);
        const char *const fields[] = {field, NULL};
        return ms_log_full(LOG_ERR, r, fields, "source %s: %s", s->id, ms_error_format(err, buf, sizeof(buf)));
}

static int log_chart_error(const ms_chart_spec *spec, const char *lang, int r, const ms_error *err) {
        char buf[1024], field[128];
        snprintf(field, sizeof(field), "MIGSTAT_CHART=%s", spec->id);
        const char *const fields[] = {field, NULL};
        return ms_log_full(LOG_ERR, r, fields, "chart %s (%s): %s", spec->id, lang,
                           ms_error_format(err, buf, sizeof(buf)));
}

/* Normalize one fetched source (fetched in parallel by ms_source_fetch_all()).
 * Errors name the URL (or the file behind a file:// URL) and the place in
 * the document.  A fresh body that does not parse falls back to the cached
 * last good response; one that parses becomes it. */
static int cycle_load_source(const ms_config *c, cycle_source *cs, ms_source_fetch *sf, ms_manifest *m) {
        const ms_source_config *s = cs->config;
        ms_error err = {.file = s->url, .offset = -1};
        (void) ms_source_fetch_load(c, sf); /* a failure is in sf->error */
        if (sf->error < 0 && !sf->from_cache) {
                err.file = NULL; /* the message names the URL already */
                return log_source_error(s, ms_error_set(&err, sf->error, "", "%s", sf->reason), &err);
        }
        /* Parse errors point into the document: name the file behind file://. */
        if (strncmp(s->url, "file://", 7) == 0)
                err.file = s->url + 7;
        ms_source_options so = {.dataset = s->dataset};
        int r = ms_source_parse(s->kind, sf->body.data ? sf->body.data : "", sf->body.len, &so, &cs->cube, &err);
        if (r < 0 && sf->fresh) {
                char buf[1024];
                log_warning("source %s: %s", s->id, ms_error_format(&err, buf, sizeof(buf)));
                if (ms_source_fetch_fall_back(c, sf) >= 0) {
                        err = (ms_error){.file = "cache", .offset = -1};
                        r = ms_source_parse(s->kind, sf->body.data, sf->body.len, &so, &cs->cube, &err);
                }
        }
        if (r >= 0) {
                ms_source_fetch_commit(c, sf);
                cs->bytes = sf->body.len;
                ms_sha256_hex(sf->body.data ? sf->body.data : "", sf->body.len, cs->sha256);
                r = ms_manifest_add_source(m, s->id, s->url, cs->bytes, cs->sha256, cs->cube->updated);
        }
        if (r < 0)
                return log_source_error(s, r, &err);
        log_debug("source %s: %zu bytes, %zu cells%s", s->id, cs->bytes, cs->cube->n_cells,
                  sf->not_modified ? " (not modified)" : sf->from_cache ? " (from the cache)" : "");
        return 0;
}

static int cycle_add_output(ms_release *rel, const char *id, const char *lang, const char *suffix,
                            ms_buf *b, ms_error *err) {
        char name[256];
        snprintf(name, sizeof(name), "%s.%s%s", id, lang, suffix);
        int r = ms_release_add(rel, name, b->data ? b->data : "", b->len, err);
        ms_buf_done(b);
        return r;
}

/* Render one chart in one language and add its files to the release. */
static int cycle_render_one(ms_renderer *rr, const ms_chart_spec *spec, const ms_chart_data *data,
                            ms_lang lang, ms_release *rel, ms_manifest *m) {
        const char *lc = ms_lang_code(lang);
        ms_error err = {.offset = -1};
        _cleanup_(ms_chart_freep) ms_chart *chart = NULL;
        int r = ms_chart_data_layout(rr, spec, data, lang, &chart, &err);
        if (r < 0)
                return log_chart_error(spec, lc, r, &err);
        const char *problems = "";
        if (ms_chart_problems(chart, &problems) > 0)
                log_warning("chart %s (%s): layout problems:\n%s", spec->id, lc, problems);

        const ms_release_file *files;
        size_t first = ms_release_files(rel, &files);
        ms_buf b = {0};
        r = ms_chart_write_svg(chart, &b, &err);
        if (r >= 0)
                r = cycle_add_output(rel, spec->id, lc, ".svg", &b, &err);
        if (r >= 0 && (r = ms_chart_write_png(chart, 1, &b, &err)) >= 0)
                r = cycle_add_output(rel, spec->id, lc, ".png", &b, &err);
        if (r >= 0 && (r = ms_chart_write_png(chart, 2, &b, &err)) >= 0)
                r = cycle_add_output(rel, spec->id, lc, "@2x.png", &b, &err);
        if (r >= 0 && (r = ms_chart_write_csv(chart, &b, &err)) >= 0)
                r = cycle_add_output(rel, spec->id, lc, ".csv", &b, &err);
        ms_buf_done(&b);
        if (r < 0)
                return log_chart_error(spec, lc, r, &err);

        size_t n = ms_release_files(rel, &files);
        unsigned w, h;
        ms_chart_size(chart, &w, &h);
        ms_manifest_chart mc = {
                .id = spec->id, .lang = lc, .title = spec->title[lang],
                .alt = ms_chart_alt_text(chart), .reference_period = ms_chart_reference_period(chart),
                .problems = problems, .width = w, .height = h,
                .files = files + first, .n_files = n - first,
        };
        return ms_manifest_add_chart(m, &mc);
}

static int cycle_render_chart(ms_renderer *rr, const ms_chart_spec *spec, const ms_cube *cube,
                              const ms_cube *population, ms_release *rel, ms_manifest *m) {
        ms_error err = {.offset = -1};
        _cleanup_(ms_chart_data_freep) ms_chart_data *data = NULL;
        int r = ms_chart_data_select(spec, cube, population, &data, &err);
        if (r < 0)
                return log_chart_error(spec, "all", r, &err);
        for (int l = 0; l < MS_LANG_COUNT; l++) {
                r = cycle_render_one(rr, spec, data, (ms_lang) l, rel, m);
                if (r < 0)
                        return r;
        }
        return 0;
}

static const ms_cube *cycle_find_cube(const cycle_source *cs, size_t n, const char *id) {
        for (size_t i = 0; i < n; i++)
                if (strcmp(cs[i].config->id, id) == 0)
                        return cs[i].cube;
        return NULL;
}

static int cycle_publish(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o,
                         const cycle_source *cs, ms_manifest *m, char **ret_release) {
        const char *dir = o->publish_dir ? o->publish_dir : c->publish_dir;
        ms_error err = {.offset = -1};
        _cleanup_(ms_release_freep) ms_release *rel = NULL;
        int r = ms_release_begin(dir, &rel, &err);
        if (r < 0)
                return log_error_errno(r, "publish: %s", err.msg);
        for (size_t i = 0; i < c->n_charts; i++) {
                const ms_chart_spec *spec = c->charts[i];
                const ms_cube *cube = cycle_find_cube(cs, c->n_sources, spec->source);
                const ms_cube *pop = spec->population ? cycle_find_cube(cs, c->n_sources, spec->population) : NULL;
                r = cycle_render_chart(rr, spec, cube, pop, rel, m);
                if (r < 0)
                        return r;
        }
        ms_buf b = {0};
        r = ms_manifest_write(m, &b);
        if (r >= 0)
                r = ms_release_add(rel, "index.json", b.data, b.len, &err);
        ms_buf_done(&b);
        if (r >= 0)
                r = ms_release_commit(rel, o->timestamp, ret_release, &err);
        if (r < 0)
                return log_error_errno(r, "publish: %s", err.msg[0] ? err.msg : "out of memory");
        return 0;
}

int ms_cycle_run(const ms_config *c, ms_renderer *rr, const ms_cycle_options *o, char **ret_release) {
        _cleanup_(ms_manifest_freep) ms_manifest *m = NULL;
        ms_source_fetch *fetched = NULL;
        cycle_source *cs = calloc(c->n_sources ? c->n_sources : 1, sizeof(*cs));
        int r = cs ? ms_manifest_new(&m) : -ENOMEM;
        if (r >= 0)
                r = ms_source_fetch_all(c, &fetched);
        if (r >= 0 && o->if_changed &&
            ms_source_fetch_unchanged(c, fetched, o->publish_dir ? o->publish_dir : c->publish_dir)) {
                log_info("no source changed since the current release: nothing to publish");
                r = 1;
        }
        for (size_t i = 0; r == 0 && i < c->n_sources; i++) {
                cs[i].config = &c->sources[i];
                r = cycle_load_source(c, &cs[i], &fetched[i], m);
        }
        fetched = ms_source_fetch_free_all(fetched, c->n_sources);
        if (r == 0)
                r = cycle_publish(c, rr, o, cs, m, ret_release);
        for (size_t i = 0; cs && i < c->n_sources; i++)
                ms_cube_free(cs[i].cube);
        free(cs);
        if (r == -ENOMEM)
                log_error("out of memory");
        return r;
}

/* The release's name is its UTC publication time: the one place where the
 * clock enters a release (the manifest and the charts never see it). */
static int cycle_run_at_now(const ms_config *c, ms_renderer *rr, const char *publish_dir, bool if_changed,
                            char **ret_release) {
        struct timespec now;
        struct tm tm;
        char ts[32];
        if (clock_gettime(CLOCK_REALTIME, &now) < 0 || !gmtime_r(&now.tv_sec, &tm))
                return log_error_errno(errno, "cannot read the clock: %m");
        strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
        ms_cycle_options o = {.publish_dir = publish_dir, .timestamp = ts, .if_changed = if_changed};
        return ms_cycle_run(c, rr, &o, ret_release);
}

int ms_cycle_run_now(const ms_config *c, ms_renderer *rr, const char *publish_dir, char **ret_release) {
        return cycle_run_at_now(c, rr, publish_dir, false, ret_release);
}

int ms_cycle_poll_now(const ms_config *c, ms_renderer *rr, const char *publish_dir, char **ret_release) {
        return cycle_run_at_now(c, rr, publish_dir, true, ret_release);
}
