/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>
#include <strings.h>

#include "layout.h"

struct ms_renderer {
        FcConfig *fc;
        PangoFontMap *font_map;
        PangoContext *context;
        /* Reused by every PNG: a fresh 3 MB surface costs ~800 page faults,
         * which took longer than drawing and encoding together (bench/).
         * One per size and scale in use (main size and phone variant, 1x
         * and 2x), the least recently used one replaced. */
        cairo_surface_t *surfaces[4];
        unsigned long surface_used[4];
        unsigned long uses;
        chart_scratch scratch;
};

/* The family every chart is set in; config/fonts.conf must provide it. */
#define CHART_FAMILY "Inter"

/* The buffers reused from chart to chart (surfaces, PNG scratch, deflate
 * state: ~22 MiB with the default chart sizes) are worth keeping during a
 * release, not during the hours between two; they come back on first use. */
void ms_renderer_trim(ms_renderer *r) {
        for (size_t i = 0; i < ELEMENTSOF(r->surfaces); i++)
                if (r->surfaces[i]) {
                        cairo_surface_destroy(r->surfaces[i]);
                        r->surfaces[i] = NULL;
                }
        chart_scratch_done(&r->scratch);
}

ms_renderer *ms_renderer_free(ms_renderer *r) {
        if (!r)
                return NULL;
        if (r->context)
                g_object_unref(r->context);
        if (r->font_map)
                g_object_unref(r->font_map);
        if (r->fc)
                FcConfigDestroy(r->fc);
        ms_renderer_trim(r);
        free(r);
        return NULL;
}

/*
 * Ask our config, not the host's, what "Inter" resolves to.  fontconfig
 * always answers with *some* font when it has any, so a missing Inter shows
 * up as another family (or none at all when the directory was empty).
 */
static int check_family(FcConfig *fc, const char *file, ms_error *err) {
        FcPattern *pat = FcNameParse((const FcChar8 *) CHART_FAMILY);
        FcResult res;
        FcChar8 *family = NULL, *path = NULL;
        int r = 0;

        if (!pat)
                return -ENOMEM;
        FcConfigSubstitute(fc, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcPattern *match = FcFontMatch(fc, pat, &res);
        FcPatternDestroy(pat);
        if (!match)
                return ms_error_set(err, -ENOENT, "fonts", "%s: no fonts found, expected the %s family", file,
                                    CHART_FAMILY);
        (void) FcPatternGetString(match, FC_FAMILY, 0, &family);
        (void) FcPatternGetString(match, FC_FILE, 0, &path);
        if (!family || strcasecmp((const char *) family, CHART_FAMILY) != 0 || !path ||
            !strstr((const char *) path, CHART_FAMILY))
                r = ms_error_set(err, -ENOENT, "fonts",
                                 "%s: family \"%s\" resolved to \"%s\" (%s), expected an %s font", file,
                                 CHART_FAMILY, family ? (const char *) family : "?",
                                 path ? (const char *) path : "?", CHART_FAMILY);
        FcPatternDestroy(match);
        return r;
}

/*
 * Fixed font options: no hinting and unhinted metrics make glyph advances
 * linear in the scale, so the layout measured at 1x holds at 2x and in SVG,
 * and the output does not depend on the surface's defaults.
 */
static int context_new(PangoFontMap *fm, PangoContext **ret) {
        PangoContext *ctx = pango_font_map_create_context(fm);
        cairo_font_options_t *fo = cairo_font_options_create();
        if (!ctx || cairo_font_options_status(fo) != CAIRO_STATUS_SUCCESS) {
                if (ctx)
                        g_object_unref(ctx);
                cairo_font_options_destroy(fo);
                return -ENOMEM;
        }
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(ctx, fo);
        cairo_font_options_destroy(fo);
        /* Font sizes are given in absolute (pixel) units; keep 96 dpi explicit anyway. */
        pango_cairo_context_set_resolution(ctx, 96);
        pango_context_set_round_glyph_positions(ctx, FALSE);
        /* Fixed, not from $LANG: layouts carry the chart's language as an
         * attribute, and output must not depend on the daemon's environment. */
        pango_context_set_language(ctx, pango_language_from_string("en"));
        pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
        *ret = ctx;
        return 0;
}

int ms_renderer_new(const char *fontconfig_file, ms_renderer **ret, ms_error *err) {
        _cleanup_(ms_renderer_freep) ms_renderer *r = NULL;
        int k;

        ms_error_clear(err);
        r = calloc(1, sizeof(*r));
        if (!r)
                return -ENOMEM;
        r->fc = FcConfigCreate();
        if (!r->fc)
                return -ENOMEM;
        if (!FcConfigParseAndLoad(r->fc, (const FcChar8 *) fontconfig_file, FcTrue))
                return ms_error_set(err, -EINVAL, "fonts", "%s: cannot load fontconfig file",
                                    fontconfig_file);
        /* No <cachedir> in our fonts.conf: a service user need not own a
         * writable cache, and scanning the few Inter files costs milliseconds. */
        if (!FcConfigBuildFonts(r->fc))
                return ms_error_set(err, -ENOMEM, "fonts", "%s: cannot build the font set", fontconfig_file);
        k = check_family(r->fc, fontconfig_file, err);
        if (k < 0)
                return k;

        /* XXX process-global: Pango starts a thread that calls FcInit(), which
         * would load the host's /etc/fonts and scan (without a writable cache:
         * on every start) all host fonts, only to never use them.  With our
         * config current, FcInit() finds it and does nothing; any stray
         * fontconfig user in the process sees Inter only, too. */
        if (!FcConfigSetCurrent(r->fc))
                return ms_error_set(err, -ENOMEM, "fonts", "%s: cannot make the config current",
                                    fontconfig_file);
        r->font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (!r->font_map)
                return ms_error_set(err, -ENOTSUP, "fonts", "Pango has no FreeType font map");
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(r->font_map), r->fc);
        k = context_new(r->font_map, &r->context);
        if (k < 0)
                return k;
        *ret = TAKE_PTR(r);
        return 0;
}

int ms_renderer_new_sibling(const ms_renderer *base, ms_renderer **ret) {
        _cleanup_(ms_renderer_freep) ms_renderer *r = calloc(1, sizeof(*r));
        if (!r)
                return -ENOMEM;
        /* The font configuration is read-only once built: share it, and do
         * not touch the process-global current one that base set. */
        r->fc = FcConfigReference(base->fc);
        r->font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (!r->fc || !r->font_map)
                return -ENOMEM;
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(r->font_map), r->fc);
        int k = context_new(r->font_map, &r->context);
        if (k < 0)
                return k;
        *ret = TAKE_PTR(r);
        return 0;
}

PangoContext *chart_renderer_context(ms_renderer *r) {
        return r->context;
}

cairo_surface_t *chart_renderer_surface(ms_renderer *r, unsigned width, unsigned height, unsigned scale) {
        int w = (int) (width * scale), h = (int) (height * scale);
        size_t pick = 0;
        for (size_t i = 0; i < ELEMENTSOF(r->surfaces); i++) {
                cairo_surface_t *s = r->surfaces[i];
                if (s && cairo_image_surface_get_width(s) == w && cairo_image_surface_get_height(s) == h) {
                        r->surface_used[i] = ++r->uses;
                        return s;
                }
                if (!s || (r->surfaces[pick] && r->surface_used[i] < r->surface_used[pick]))
                        pick = i; /* an empty slot, else the least recently used */
        }
        cairo_surface_destroy(r->surfaces[pick]);
        /* RGB24: the background is opaque, so the PNG needs no alpha channel. */
        r->surfaces[pick] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        if (cairo_surface_status(r->surfaces[pick]) != CAIRO_STATUS_SUCCESS) {
                cairo_surface_destroy(r->surfaces[pick]);
                r->surfaces[pick] = NULL;
        }
        r->surface_used[pick] = ++r->uses;
        return r->surfaces[pick];
}

chart_scratch *chart_renderer_scratch(ms_renderer *r) {
        return &r->scratch;
}
