/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cycle_carry.h"
#include "cycle_embeds.h"
#include "publish/gallery.h"
#include "publish/page.h"
#include "publish/snippet.h"

/* The URL prefix of files in dir: BaseURL "https://example.org/migstat" (a
 * trailing slash is tolerated) + "/" + dir + "/"; no BaseURL: root-relative
 * "/dir/"; no dir: "" (relative to the page). */
static void cycle_url_prefix(const ms_config *c, const char *dir, char *prefix, size_t n) {
        const char *base = c->base_url ? c->base_url : "";
        size_t bl = strlen(base);
        if (bl > 0 && base[bl - 1] == '/')
                bl--;
        if (dir)
                snprintf(prefix, n, "%.*s/%s/", (int) bl, base, dir);
        else
                prefix[0] = '\0';
}

/* The snippet of chart cc in lang with URLs under dir (NULL: relative), in
 * the variant v (plain <img>, light only). */
static int cycle_snippet(const ms_config *c, const cycle_chart *cc, ms_lang lang, const char *dir,
                         const ms_snippet *v, ms_buf *out) {
        char prefix[1024];
        unsigned w, h;
        cycle_chart_size(cc, lang, &w, &h);
        cycle_url_prefix(c, dir, prefix, sizeof(prefix));
        ms_snippet s = {
                .url_prefix = prefix,
                .id = cc->spec->id,
                .lang = lang,
                .width = w,
                .height = h,
                .title = cycle_chart_title(cc, lang),
                .alt = cycle_chart_alt(cc, lang),
                .source_line = cc->spec->source_line[lang],
                .licence = cc->spec->licence[lang],
                .reference_period = cycle_chart_reference_period(cc, lang),
                .unit = cc->spec->unit[lang],
                .updated = cycle_chart_updated(cc),
                .csv = cc->csv[lang].data ? cc->csv[lang].data : "",
                .csv_len = cc->csv[lang].len,
                .has_dark = !cc->spec->dark,
                .narrow_width = cc->spec->narrow_width,
                .narrow_height = cc->spec->narrow_height,
                .light_only = v && v->light_only,
                .plain = v && v->plain,
        };
        return ms_snippet_write(&s, out);
}

/* The chart-language's files (those named "<id>.<lang>." or "<id>.<lang>@",
 * and the chart's <id>.data.csv) into the manifest. */
static int cycle_manifest_chart(const cycle_chart *cc, ms_lang lang, ms_release *rel, ms_manifest *m) {
        const ms_release_file *files;
        size_t n = ms_release_files(rel, &files), k = 0;
        _cleanup_free_ ms_release_file *mine = calloc(n ? n : 1, sizeof(*mine));
        if (!mine)
                return -ENOMEM;
        char stem[256];
        int sl = snprintf(stem, sizeof(stem), "%s.%s", cc->spec->id, ms_lang_code(lang));
        char data[256];
        snprintf(data, sizeof(data), "%s.data.csv", cc->spec->id); /* both languages' entries list it */
        for (size_t i = 0; i < n; i++)
                if ((strncmp(files[i].name, stem, (size_t) sl) == 0 &&
                     (files[i].name[sl] == '.' || files[i].name[sl] == '@')) ||
                    strcmp(files[i].name, data) == 0)
                        mine[k++] = files[i];
        unsigned w, h;
        cycle_chart_size(cc, lang, &w, &h);
        ms_manifest_chart mc = {
                .id = cc->spec->id,
                .lang = ms_lang_code(lang),
                .title = cycle_chart_title(cc, lang),
                .alt = cycle_chart_alt(cc, lang),
                .reference_period = cycle_chart_reference_period(cc, lang),
                .problems = cycle_chart_problems(cc, lang),
                .note = cycle_chart_note(cc, lang),
                .source = cc->spec->source,
                .width = w,
                .height = h,
                .narrow_width = cc->spec->narrow_width,
                .narrow_height = cc->spec->narrow_height,
                .narrow_problems = cycle_chart_narrow_problems(cc, lang),
                .files = mine,
                .n_files = k,
                .spec = cc->parent_id,
                .inputs = cc->inputs[0] ? cc->inputs : NULL,
                .updated = cycle_chart_updated(cc),
                .stale_source = cc->stale_source,
                .stale_reason = cc->stale_reason,
                .stale_since = cc->stale_since,
        };
        int r = ms_manifest_add_chart(m, &mc);
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(cc->warnings); i++)
                if (cc->warnings[i])
                        r = ms_manifest_add_chart_warnings(m, (const char *const *) cc->warnings[i]->v,
                                                           cc->warnings[i]->n);
        return r;
}

/* The buffers of one chart-language's embeds. */
enum { EMBED_PREVIEW, EMBED_CURRENT, EMBED_PINNED, EMBED_LIGHT, EMBED_PLAIN, EMBED_PAGE, _EMBED_MAX };

/* Publish b as <id>.<lang><suffix>. */
static int cycle_embed_file(const cycle_chart *cc, const char *lc, const char *suffix, const ms_buf *b,
                            ms_release *rel) {
        char name[256];
        ms_error err = {.offset = -1};
        snprintf(name, sizeof(name), "%s.%s%s", cc->spec->id, lc, suffix);
        int r = ms_release_add(rel, name, b->data, b->len, &err);
        return r < 0 ? cycle_log_chart_error(cc->spec, lc, r, &err) : 0;
}

/* The chart's own page (page.h): its snippet with page-relative URLs. */
static int cycle_page(const ms_config *c, const cycle_chart *cc, ms_lang l, const ms_buf *preview,
                      ms_buf *out) {
        char base[1024];
        cycle_url_prefix(c, "current", base, sizeof(base));
        ms_page p = {.id = cc->spec->id,
                     .lang = l,
                     .title = cycle_chart_title(cc, l),
                     .alt = cycle_chart_alt(cc, l),
                     .snippet = preview->data,
                     .base_url = c->base_url && c->base_url[0] ? base : NULL};
        return ms_page_write(&p, out);
}

/* The gallery's entry of a chart-language, pointing into b. */
static void cycle_gallery_entry(const cycle_chart *cc, ms_lang l, const ms_buf b[_EMBED_MAX],
                                ms_gallery_entry *ge) {
        *ge = (ms_gallery_entry){.id = cc->spec->id,
                                 .lang = ms_lang_code(l),
                                 .title = cycle_chart_title(cc, l),
                                 .preview = b[EMBED_PREVIEW].data,
                                 .current = b[EMBED_CURRENT].data,
                                 .pinned = b[EMBED_PINNED].data,
                                 .light = b[EMBED_LIGHT].data,
                                 .plain = b[EMBED_PLAIN].data};
        cycle_chart_size(cc, l, &ge->width, &ge->height);
}

/* A stale chart (its source failed, no layout) keeps its snippets and page:
 * they are in the release already; the gallery shows them as they are (its
 * preview is the snippet following current/). */
static int cycle_embed_stale(const cycle_chart *cc, ms_lang l, const ms_release *rel, ms_buf b[_EMBED_MAX]) {
        static const struct {
                int buf;
                const char *suffix;
        } files[] = {
                {EMBED_CURRENT, ".html"},
                {EMBED_PINNED, ".edition.html"},
                {EMBED_LIGHT, ".light.html"},
                {EMBED_PLAIN, ".img.html"},
        };
        int r = 0;
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(files); i++)
                r = cycle_carry_read_html(cc, l, files[i].suffix, rel, &b[files[i].buf]);
        /* The preview is the snippet following current/, read once. */
        if (r >= 0 && b[EMBED_CURRENT].len > 0)
                r = ms_buf_append(&b[EMBED_PREVIEW], b[EMBED_CURRENT].data, b[EMBED_CURRENT].len);
        return r;
}

/* One chart-language: its snippets into b[] (preview with relative URLs,
 * following current/, pinned to the edition, light only, plain <img>) and
 * its page; the files to publish, its manifest entry, and its gallery
 * entry pointing into b. */
static int cycle_embed_one(const ms_config *c, const cycle_chart *cc, ms_lang l, const char *pinned_dir,
                           ms_release *rel, ms_manifest *m, ms_buf b[_EMBED_MAX], ms_gallery_entry *ge) {
        static const ms_snippet light = {.light_only = true}, plain = {.plain = true};
        const char *lc = ms_lang_code(l);
        if (!cc->chart[l]) {
                int q = cycle_embed_stale(cc, l, rel, b);
                if (q >= 0 && (q = cycle_manifest_chart(cc, l, rel, m)) >= 0)
                        cycle_gallery_entry(cc, l, b, ge);
                return q;
        }
        int r = cycle_snippet(c, cc, l, NULL, NULL, &b[EMBED_PREVIEW]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, "current", NULL, &b[EMBED_CURRENT]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, pinned_dir, NULL, &b[EMBED_PINNED]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, "current", &light, &b[EMBED_LIGHT]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, "current", &plain, &b[EMBED_PLAIN]);
        if (r >= 0)
                r = cycle_page(c, cc, l, &b[EMBED_PREVIEW], &b[EMBED_PAGE]);
        if (r < 0)
                return log_error_errno(r, "out of memory");
        static const struct {
                int buf;
                const char *suffix;
        } files[] = {
                {EMBED_CURRENT, ".html"},   {EMBED_PINNED, ".edition.html"}, {EMBED_LIGHT, ".light.html"},
                {EMBED_PLAIN, ".img.html"}, {EMBED_PAGE, ".page.html"},
        };
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(files); i++)
                r = cycle_embed_file(cc, lc, files[i].suffix, &b[files[i].buf], rel);
        if (r < 0)
                return r;
        r = cycle_manifest_chart(cc, l, rel, m);
        if (r < 0)
                return log_error_errno(r, "out of memory");
        cycle_gallery_entry(cc, l, b, ge);
        return 0;
}

/* Snippets, pages, manifest entries and the gallery (into *gallery) of
 * every chart-language. */
int cycle_add_embeds(const ms_config *c, const cycle_chart *cc, size_t n, const char *edition,
                     ms_release *rel, ms_manifest *m, ms_buf *gallery) {
        char pinned_dir[64], base[1024];
        size_t total = n * MS_LANG_COUNT;
        snprintf(pinned_dir, sizeof(pinned_dir), "editions/%s", edition);
        _cleanup_free_ ms_gallery_entry *ge = calloc(total + 1, sizeof(*ge));
        ms_buf *bufs = calloc(_EMBED_MAX * total + 1, sizeof(*bufs));
        int r = ge && bufs ? 0 : log_error_errno(-ENOMEM, "out of memory");
        for (size_t k = 0; r >= 0 && k < total; k++)
                r = cycle_embed_one(c, &cc[k / MS_LANG_COUNT], (ms_lang) (k % MS_LANG_COUNT), pinned_dir, rel,
                                    m, &bufs[_EMBED_MAX * k], &ge[k]);
        cycle_url_prefix(c, "current", base, sizeof(base));
        ms_gallery_options go = {.edition = edition, .base_url = c->base_url && c->base_url[0] ? base : NULL};
        if (r >= 0 && (r = ms_gallery_write(&go, ge, total, gallery)) < 0)
                r = log_error_errno(r, "out of memory");
        for (size_t i = 0; bufs && i < _EMBED_MAX * total; i++)
                ms_buf_done(&bufs[i]);
        free(bufs);
        return r;
}
