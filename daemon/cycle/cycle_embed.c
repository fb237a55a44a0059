/* SPDX-License-Identifier: MIT */
/* Per chart-language, drawn or carried over: its embed snippets, its
 * manifest entry and its gallery entry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cycle_carry.h"
#include "cycle_embed.h"
#include "publish/gallery.h"
#include "publish/snippet.h"

static int log_oom(void) {
        return log_error_errno(-ENOMEM, "out of memory");
}

/* The snippet of chart cc in lang with URLs under prefix (NULL: relative). */
static int cycle_snippet(const ms_config *c, const cycle_chart *cc, ms_lang lang, const char *dir, ms_buf *out) {
        char prefix[1024];
        unsigned w, h;
        cycle_chart_size(cc, lang, &w, &h);
        /* BaseURL "https://example.org/migstat" (a trailing slash is
         * tolerated) + "/current/"; no BaseURL: root-relative "/current/". */
        const char *base = c->base_url ? c->base_url : "";
        size_t bl = strlen(base);
        if (bl > 0 && base[bl - 1] == '/')
                bl--;
        if (dir)
                snprintf(prefix, sizeof(prefix), "%.*s/%s/", (int) bl, base, dir);
        else
                prefix[0] = '\0';
        ms_snippet s = {
                .url_prefix = prefix, .id = cc->spec->id, .lang = lang, .width = w, .height = h,
                .title = cycle_chart_title(cc, lang), .alt = cycle_chart_alt(cc, lang),
                .source_line = cc->spec->source_line[lang], .licence = cc->spec->licence[lang],
                .reference_period = cycle_chart_reference_period(cc, lang), .unit = cc->spec->unit[lang],
                .updated = cycle_chart_updated(cc),
                .csv = cc->csv[lang].data ? cc->csv[lang].data : "", .csv_len = cc->csv[lang].len,
                .has_dark = !cc->spec->dark,
                .narrow_width = cc->spec->narrow_width, .narrow_height = cc->spec->narrow_height,
        };
        return ms_snippet_write(&s, out);
}

/* The chart-language's files (those named "<id>.<lang>." or "<id>.<lang>@")
 * into the manifest. */
static int cycle_manifest_chart(const cycle_chart *cc, ms_lang lang, ms_release *rel, ms_manifest *m) {
        const ms_release_file *files;
        size_t n = ms_release_files(rel, &files), k = 0;
        _cleanup_free_ ms_release_file *mine = calloc(n ? n : 1, sizeof(*mine));
        if (!mine)
                return -ENOMEM;
        char stem[256];
        int sl = snprintf(stem, sizeof(stem), "%s.%s", cc->spec->id, ms_lang_code(lang));
        for (size_t i = 0; i < n; i++)
                if (strncmp(files[i].name, stem, (size_t) sl) == 0 &&
                    (files[i].name[sl] == '.' || files[i].name[sl] == '@'))
                        mine[k++] = files[i];
        unsigned w, h;
        cycle_chart_size(cc, lang, &w, &h);
        ms_manifest_chart mc = {
                .id = cc->spec->id, .lang = ms_lang_code(lang), .title = cycle_chart_title(cc, lang),
                .alt = cycle_chart_alt(cc, lang), .reference_period = cycle_chart_reference_period(cc, lang),
                .problems = cycle_chart_problems(cc, lang), .source = cc->spec->source, .width = w, .height = h,
                .narrow_width = cc->spec->narrow_width, .narrow_height = cc->spec->narrow_height,
                .narrow_problems = cycle_chart_narrow_problems(cc, lang), .files = mine, .n_files = k,
                .spec = cc->parent_id, .inputs = cc->inputs[0] ? cc->inputs : NULL, .updated = cycle_chart_updated(cc),
                .stale_source = cc->stale_source, .stale_reason = cc->stale_reason, .stale_since = cc->stale_since,
        };
        int r = ms_manifest_add_chart(m, &mc);
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(cc->warnings); i++)
                if (cc->warnings[i])
                        r = ms_manifest_add_chart_warnings(m, (const char *const *) cc->warnings[i]->v,
                                                           cc->warnings[i]->n);
        return r;
}

/* One chart-language: three snippets into b[0..2] (preview with relative
 * URLs, following current/, pinned to the edition), the two to publish as
 * files, its manifest entry, and its gallery entry pointing into b. */
static int cycle_embed_one(const ms_config *c, const cycle_chart *cc, ms_lang l, const char *pinned_dir,
                           ms_release *rel, ms_manifest *m, ms_buf b[3], ms_gallery_entry *ge) {
        const char *lc = ms_lang_code(l);
        ms_error err = {.offset = -1};
        int r = cycle_snippet(c, cc, l, NULL, &b[0]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, "current", &b[1]);
        if (r >= 0)
                r = cycle_snippet(c, cc, l, pinned_dir, &b[2]);
        if (r < 0)
                return log_oom();
        char name[256];
        snprintf(name, sizeof(name), "%s.%s.html", cc->spec->id, lc);
        r = ms_release_add(rel, name, b[1].data, b[1].len, &err);
        snprintf(name, sizeof(name), "%s.%s.edition.html", cc->spec->id, lc);
        if (r >= 0)
                r = ms_release_add(rel, name, b[2].data, b[2].len, &err);
        if (r < 0)
                return cycle_log_chart_error(cc->spec, lc, r, &err);
        r = cycle_manifest_chart(cc, l, rel, m);
        if (r < 0)
                return log_oom();
        *ge = (ms_gallery_entry){.id = cc->spec->id, .lang = lc, .title = cycle_chart_title(cc, l),
                                 .preview = b[0].data, .current = b[1].data, .pinned = b[2].data};
        return 0;
}

/* Snippets, manifest entries and the gallery (into *gallery) of every
 * chart-language. */
int cycle_add_embeds(const ms_config *c, const cycle_chart *cc, size_t n, const char *edition,
                            ms_release *rel, ms_manifest *m, ms_buf *gallery) {
        char pinned_dir[64];
        size_t total = n * MS_LANG_COUNT;
        snprintf(pinned_dir, sizeof(pinned_dir), "editions/%s", edition);
        _cleanup_free_ ms_gallery_entry *ge = calloc(total + 1, sizeof(*ge));
        ms_buf *bufs = calloc(3 * total + 1, sizeof(*bufs));
        int r = ge && bufs ? 0 : log_oom();
        for (size_t k = 0; r >= 0 && k < total; k++)
                r = cycle_embed_one(c, &cc[k / MS_LANG_COUNT], (ms_lang) (k % MS_LANG_COUNT), pinned_dir, rel, m,
                                    &bufs[3 * k], &ge[k]);
        if (r >= 0 && (r = ms_gallery_write(edition, ge, total, gallery)) < 0)
                r = log_oom();
        for (size_t i = 0; bufs && i < 3 * total; i++)
                ms_buf_done(&bufs[i]);
        free(bufs);
        return r;
}

