/* SPDX-License-Identifier: MIT */
/*
 * The charts of a cycle, drawn in parallel.  Layout and PNG encoding take
 * nearly all of a cycle's CPU time and charts share nothing but read-only
 * data (cubes, specs, label tables), so a few threads each take the next
 * chart until none is left.  Each thread has its own renderer (Pango font
 * map, Cairo surfaces, compressors): none of them is shared.  A chart's
 * files go to memory first and into the release once every chart before it
 * is there, so the release lists them in configuration order whichever
 * thread was faster.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cycle_carry.h"
#include "cycle_chart.h"
#include "cycle_render.h"
#include "cycle_share.h"

/* The images of one laid-out size of a chart in one language:
 * <id>.<lang><variant>.svg, .png (1x) and @2x.png; variant is "" for the
 * main size, ".narrow" for the phone variant. */
static int cycle_write_images(cycle_chart *cc, const ms_chart *chart, const char *lc, const char *variant,
                              ms_error *err) {
        static const char *const ext[] = {".svg", ".png", "@2x.png"};
        ms_buf b = {0};
        int r = 0;
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(ext); i++) {
                char suffix[32];
                snprintf(suffix, sizeof(suffix), "%s%s", variant, ext[i]);
                r = i == 0 ? ms_chart_write_svg(chart, &b, err)
                           : ms_chart_write_png(chart, (unsigned) i, &b, err);
                if (r >= 0)
                        r = cycle_keep_output(cc, lc, suffix, &b);
        }
        ms_buf_done(&b);
        return r;
}

/* The dark variant of a size, <id>.<lang><variant>.dark.svg, for readers
 * whose system prefers a dark scheme (the snippet's <picture> picks it):
 * the same data laid out again with the dark theme.  spec is the size's
 * spec. */
static int cycle_render_dark(ms_renderer *rr, const ms_chart_spec *spec, cycle_chart *cc, ms_lang lang,
                             const char *variant, ms_error *err) {
        ms_chart_spec dark = *spec; /* shallow: only the theme differs */
        dark.dark = true;
        _cleanup_(ms_chart_freep) ms_chart *chart = NULL;
        ms_buf b = {0};
        char suffix[32];
        snprintf(suffix, sizeof(suffix), "%s.dark.svg", variant);
        int r = ms_chart_data_layout(rr, &dark, cc->data, lang, &chart, err);
        if (r >= 0)
                r = ms_chart_write_svg(chart, &b, err);
        if (r >= 0)
                r = cycle_keep_output(cc, ms_lang_code(lang), suffix, &b);
        ms_buf_done(&b);
        return r;
}

/* The phone variant, <id>.<lang>.narrow.*: the same data laid out again at
 * the spec's narrow size.  Its layout problems go to the manifest beside
 * the main size's. */
static int cycle_render_narrow(ms_renderer *rr, cycle_chart *cc, ms_lang lang, ms_error *err) {
        ms_chart_spec narrow = *cc->spec; /* shallow: only the size differs */
        narrow.width = cc->spec->narrow_width;
        narrow.height = cc->spec->narrow_height;
        const char *lc = ms_lang_code(lang);
        _cleanup_(ms_chart_freep) ms_chart *chart = NULL;
        int r = ms_chart_data_layout(rr, &narrow, cc->data, lang, &chart, err);
        if (r < 0)
                return r;
        const char *problems = "";
        if (ms_chart_problems(chart, &problems) > 0)
                log_warning("chart %s (%s, narrow): layout problems:\n%s", narrow.id, lc, problems);
        if (!(cc->narrow_problems[lang] = strdup(problems)))
                return -ENOMEM;
        r = cycle_write_images(cc, chart, lc, ".narrow", err);
        if (r >= 0 && !narrow.dark)
                r = cycle_render_dark(rr, &narrow, cc, lang, ".narrow", err);
        return r;
}

/* Lay out one chart in one language and keep its image and CSV files. */
static int cycle_render_one(ms_renderer *rr, cycle_chart *cc, ms_lang lang) {
        const ms_chart_spec *spec = cc->spec;
        const char *lc = ms_lang_code(lang);
        ms_error err = {.offset = -1};
        int r = ms_chart_data_layout(rr, spec, cc->data, lang, &cc->chart[lang], &err);
        if (r < 0)
                return cycle_log_chart_error(spec, lc, r, &err);
        const ms_chart *chart = cc->chart[lang];
        const char *problems = "";
        if (ms_chart_problems(chart, &problems) > 0)
                log_warning("chart %s (%s): layout problems:\n%s", spec->id, lc, problems);
        ms_buf b = {0};
        r = cycle_write_images(cc, chart, lc, "", &err);
        /* <id>.<lang>.csv for readers; the plotted numbers with full
         * precision and codes (the snippet's table reads them) once, as
         * <id>.data.csv, from the English chart. */
        if (r >= 0 && (r = ms_chart_write_csv(chart, &cc->csv[lang], &err)) >= 0 && lang == MS_LANG_EN &&
            (r = ms_buf_append(&b, cc->csv[lang].data ? cc->csv[lang].data : "", cc->csv[lang].len)) >= 0)
                r = cycle_keep_output(cc, NULL, ".data.csv", &b);
        if (r >= 0 && (r = ms_chart_write_csv_reader(chart, &b, &err)) >= 0)
                r = cycle_keep_output(cc, lc, ".csv", &b);
        ms_buf_done(&b);
        if (r >= 0 && !spec->dark)
                r = cycle_render_dark(rr, spec, cc, lang, "", &err);
        if (r >= 0)
                r = cycle_render_print_share(rr, cc, lang, &err);
        if (r >= 0 && spec->narrow_width > 0)
                r = cycle_render_narrow(rr, cc, lang, &err);
        return r < 0 ? cycle_log_chart_error(spec, lc, r, &err) : 0;
}

/* A chart carried over because nothing it reads changed: laid out again
 * (its texts and the snippet's table come from the layout, exactly as when
 * it was drawn) but not encoded: its image files are carried over. */
static int cycle_layout_one(ms_renderer *rr, cycle_chart *cc, ms_lang lang) {
        ms_error err = {.offset = -1};
        int r = ms_chart_data_layout(rr, cc->spec, cc->data, lang, &cc->chart[lang], &err);
        if (r >= 0)
                r = ms_chart_write_csv(cc->chart[lang], &cc->csv[lang], &err);
        return r < 0 ? cycle_log_chart_error(cc->spec, ms_lang_code(lang), r, &err) : 0;
}

static int cycle_render_chart(ms_renderer *rr, cycle_chart *cc, ms_cube_lookup_fn lookup, void *userdata) {
        ms_error err = {.offset = -1};
        if (cc->carried && cc->stale_source) /* its source failed: nothing to lay out */
                return 0;
        int r = ms_chart_data_select_from(cc->spec, lookup, userdata, &cc->data, &err);
        if (r < 0)
                return cycle_log_chart_error(cc->spec, "all", r, &err);
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++)
                r = cc->carried ? cycle_layout_one(rr, cc, (ms_lang) l)
                                : cycle_render_one(rr, cc, (ms_lang) l);
        return r;
}

/* The files of one drawn chart into the release; its buffers are freed. */
static int cycle_chart_commit(cycle_chart *cc, ms_release *rel) {
        if (cc->carried)
                return cycle_carry_commit(cc, rel);
        int r = 0;
        for (size_t k = 0; r >= 0 && k < cc->n_out; k++) {
                const cycle_output *o = &cc->out[k];
                ms_error err = {.offset = -1};
                r = ms_release_add(rel, o->name, o->data.data ? o->data.data : "", o->data.len, &err);
                if (r < 0)
                        (void) cycle_log_chart_error(cc->spec, "all", r, &err);
        }
        cycle_outputs_free(cc);
        return r;
}

/* What the threads share: the charts, the index of the next one to draw,
 * and, under the lock, how many are in the release. */
typedef struct render_queue {
        cycle_chart *cc;
        size_t n;
        atomic_size_t next;
        atomic_bool failed; /* stop taking charts: the cycle fails anyway */
        ms_cube_lookup_fn lookup;
        void *userdata;
        const ms_renderer *base; /* the calling thread's: others draw with siblings of it */
        ms_release *rel;
        ms_log_capture *capture; /* the run's: a chart failing on any thread is its reason */
        pthread_mutex_t lock;
        size_t committed; /* charts 0 .. committed-1 are in the release */
        bool *drawn;
} render_queue;

/* Chart i is drawn: add every drawn chart that is next in order to the
 * release.  Charts are taken in order, so only a few wait here at a time
 * and their files need not all be in memory at once. */
static int render_commit_ready(render_queue *q, size_t i) {
        int r = 0;
        pthread_mutex_lock(&q->lock);
        q->drawn[i] = true;
        while (r >= 0 && q->committed < q->n && q->drawn[q->committed]) {
                r = cycle_chart_commit(&q->cc[q->committed], q->rel);
                if (r < 0)
                        q->cc[q->committed].result = r;
                q->committed++;
        }
        pthread_mutex_unlock(&q->lock);
        return r;
}

static void render_drain(render_queue *q, ms_renderer *rr) {
        for (size_t i; !atomic_load(&q->failed) && (i = atomic_fetch_add(&q->next, 1)) < q->n;) {
                q->cc[i].result = cycle_render_chart(rr, &q->cc[i], q->lookup, q->userdata);
                if (q->cc[i].result < 0 || render_commit_ready(q, i) < 0)
                        atomic_store(&q->failed, true);
        }
}

static void *render_thread(void *arg) {
        render_queue *q = arg;
        _cleanup_(ms_renderer_freep) ms_renderer *rr = NULL;
        ms_log_capture_attach(q->capture);
        int r = ms_renderer_new_sibling(q->base, &rr);
        if (r < 0) /* the calling thread draws what this one cannot */
                log_warning_errno(r, "render thread: no renderer (%m); drawing on fewer threads");
        else
                render_drain(q, rr);
        return NULL;
}

/* One render thread per CPU this process may run on, at most four: more
 * would only add renderers' memory.  The loop thread needs little CPU. */
static unsigned render_threads_auto(void) {
        cpu_set_t set;
        int n = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
        return n < 1 ? 1 : n > 4 ? 4 : (unsigned) n;
}

int cycle_render_all(cycle_chart *cc, size_t n, unsigned threads, ms_renderer *rr, ms_cube_lookup_fn lookup,
                     void *userdata, ms_release *rel) {
        render_queue q = {.cc = cc,
                          .n = n,
                          .lookup = lookup,
                          .userdata = userdata,
                          .base = rr,
                          .rel = rel,
                          .capture = ms_log_capture_current(),
                          .drawn = calloc(n + 1, sizeof(bool))};
        pthread_t tid[15];
        size_t started = 0;
        if (!q.drawn)
                return -ENOMEM;
        atomic_init(&q.next, 0);
        atomic_init(&q.failed, false);
        pthread_mutex_init(&q.lock, NULL);
        if (threads == 0)
                threads = render_threads_auto();
        if (threads > ELEMENTSOF(tid) + 1)
                threads = ELEMENTSOF(tid) + 1;
        for (size_t t = 1; t < threads && t < n; t++)
                if (pthread_create(&tid[started], NULL, render_thread, &q) == 0)
                        started++;
        render_drain(&q, rr);
        for (size_t t = 0; t < started; t++)
                pthread_join(tid[t], NULL);
        pthread_mutex_destroy(&q.lock);
        free(q.drawn);
        for (size_t i = 0; i < n; i++)
                if (cc[i].result < 0)
                        return cc[i].result;
        return atomic_load(&q.failed) ? -ECANCELED : 0;
}
