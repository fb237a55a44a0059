/* SPDX-License-Identifier: MIT */
/*
 * PNG encoding with libspng instead of cairo's writer (which deflates at
 * zlib's default level with adaptive filters: ~23 ms of a ~24 ms chart).
 *
 * Charts are flat colours plus antialiased text, so a 1200x675 chart
 * usually has fewer than 256 distinct pixels.  Then the image is written
 * as an 8-bit indexed PNG (lossless: the palette holds the exact colours),
 * one byte per pixel instead of three, unfiltered at zlib level 3: smaller
 * than cairo's file and about ten times faster.  With more colours (lines,
 * stacked bars: antialiased edges of several colours) it falls back to
 * unfiltered truecolour at level 6, still smaller than cairo's file.  Measured settings in
 * docs/charts.md.  All settings are fixed: the same surface gives the same
 * bytes.
 */
#include <errno.h>
#include <spng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "layout.h"

#define HASH_BITS 12
#define INDEXED_LEVEL 3
#define TRUECOLOR_LEVEL 6

typedef struct png_image {
        unsigned w, h;
        bool alpha;            /* ARGB32: unpremultiplied, with a tRNS or alpha channel */
        uint32_t palette[256]; /* cairo pixels (premultiplied ARGB) */
        unsigned n_palette;
        unsigned char *pixels; /* indices, or RGB(A) rows when n_palette == 0 */
        size_t len;
} png_image;

/* Cairo stores premultiplied alpha; PNG wants straight alpha, rounded. */
static void unpremultiply(uint32_t px, bool alpha, unsigned char out[4]) {
        unsigned a = alpha ? px >> 24 : 255;
        for (unsigned k = 0; k < 3; k++) {
                unsigned c = (px >> (16 - 8 * k)) & 0xff;
                out[k] = (unsigned char) (a == 0 ? 0 : a == 255 ? c : (c * 255 + a / 2) / a);
        }
        out[3] = (unsigned char) a;
}

/* Index every pixel into at most 256 colours; -E2BIG when there are more. */
static int image_index(const unsigned char *data, int stride, png_image *img) {
        int16_t slot[1u << HASH_BITS];
        uint32_t mask = img->alpha ? 0xffffffffu : 0x00ffffffu, last = 0;
        unsigned char last_i = 0;
        bool have_last = false;

        memset(slot, 0xff, sizeof(slot));
        img->n_palette = 0;
        for (unsigned y = 0; y < img->h; y++) {
                const uint32_t *row = (const uint32_t *) (const void *) (data + (size_t) y * (size_t) stride);
                unsigned char *out = img->pixels + (size_t) y * img->w;
                for (unsigned x = 0; x < img->w; x++) {
                        uint32_t px = row[x] & mask;
                        if (!have_last || px != last) { /* runs are common: skip the hash */
                                uint32_t hsh = (px * 2654435761u) >> (32 - HASH_BITS);
                                while (slot[hsh] >= 0 && img->palette[slot[hsh]] != px)
                                        hsh = (hsh + 1) & ((1u << HASH_BITS) - 1);
                                if (slot[hsh] < 0) {
                                        if (img->n_palette == 256)
                                                return -E2BIG;
                                        slot[hsh] = (int16_t) img->n_palette;
                                        img->palette[img->n_palette++] = px;
                                }
                                last = px;
                                last_i = (unsigned char) slot[hsh];
                                have_last = true;
                        }
                        out[x] = last_i;
                }
        }
        return 0;
}

static void image_truecolor(const unsigned char *data, int stride, png_image *img) {
        unsigned ch = img->alpha ? 4 : 3;
        img->n_palette = 0;
        for (unsigned y = 0; y < img->h; y++) {
                const uint32_t *row = (const uint32_t *) (const void *) (data + (size_t) y * (size_t) stride);
                unsigned char *out = img->pixels + (size_t) y * img->w * ch;
                for (unsigned x = 0; x < img->w; x++) {
                        unsigned char px[4];
                        unpremultiply(row[x], img->alpha, px);
                        memcpy(out + (size_t) x * ch, px, ch);
                }
        }
        img->len = (size_t) img->w * img->h * ch;
}

/* tEXt is Latin-1: use it when the UTF-8 text fits, else iTXt (UTF-8). */
static void set_text(struct spng_text *t, const char *key, char *latin1, const char *utf8) {
        size_t n = 0;
        bool ok = true;
        for (const unsigned char *p = (const unsigned char *) utf8; *p && ok; p++) {
                if (*p < 0x80)
                        latin1[n++] = (char) *p;
                else if ((*p == 0xc2 || *p == 0xc3) && (p[1] & 0xc0) == 0x80) {
                        latin1[n++] = (char) (((*p & 0x03) << 6) | (p[1] & 0x3f));
                        p++;
                } else
                        ok = false;
        }
        latin1[n] = 0;
        *t = (struct spng_text){.type = ok ? SPNG_TEXT : SPNG_ITXT};
        snprintf(t->keyword, sizeof(t->keyword), "%s", key);
        t->text = ok ? latin1 : (char *) utf8;
        t->length = strlen(t->text);
        t->language_tag = (char *) "";
        t->translated_keyword = (char *) "";
}

static int image_encode(const png_image *img, const chart_png_meta *meta, ms_buf *out) {
        spng_ctx *ctx = spng_ctx_new(SPNG_CTX_ENCODER);
        struct spng_ihdr ihdr = {.width = img->w, .height = img->h, .bit_depth = 8};
        struct spng_text text[3];
        _cleanup_free_ char *l0 = NULL, *l1 = NULL, *l2 = NULL;
        int e = 0;

        if (!ctx)
                return -ENOMEM;
        l0 = malloc(strlen(meta->source) + 1);
        l1 = malloc(strlen(meta->stand) + 1);
        l2 = malloc(strlen(meta->software) + 1);
        if (!l0 || !l1 || !l2) {
                spng_ctx_free(ctx);
                return -ENOMEM;
        }
        set_text(&text[0], "Source", l0, meta->source);
        set_text(&text[1], "Stand", l1, meta->stand);
        set_text(&text[2], "Software", l2, meta->software);
        (void) spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
        if (img->n_palette > 0) {
                struct spng_plte plte = {.n_entries = img->n_palette};
                struct spng_trns trns = {.n_type3_entries = img->n_palette};
                for (unsigned i = 0; i < img->n_palette; i++) {
                        unsigned char px[4];
                        unpremultiply(img->palette[i], img->alpha, px);
                        plte.entries[i] = (struct spng_plte_entry){px[0], px[1], px[2], 255};
                        trns.type3_alpha[i] = px[3];
                }
                ihdr.color_type = SPNG_COLOR_TYPE_INDEXED;
                e = spng_set_ihdr(ctx, &ihdr);
                if (!e)
                        e = spng_set_plte(ctx, &plte);
                if (!e && img->alpha)
                        e = spng_set_trns(ctx, &trns);
                if (!e)
                        e = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, INDEXED_LEVEL);
                if (!e)
                        e = spng_set_option(ctx, SPNG_FILTER_CHOICE, SPNG_DISABLE_FILTERING);
        } else {
                ihdr.color_type = img->alpha ? SPNG_COLOR_TYPE_TRUECOLOR_ALPHA : SPNG_COLOR_TYPE_TRUECOLOR;
                e = spng_set_ihdr(ctx, &ihdr);
                if (!e)
                        e = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, TRUECOLOR_LEVEL);
                if (!e) /* measured on a line chart: unfiltered is smaller and faster than "up" or adaptive */
                        e = spng_set_option(ctx, SPNG_FILTER_CHOICE, SPNG_DISABLE_FILTERING);
        }
        if (!e)
                e = spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, Z_DEFAULT_STRATEGY);
        if (!e)
                e = spng_set_text(ctx, text, ELEMENTSOF(text));
        if (!e)
                e = spng_encode_image(ctx, img->pixels, img->len, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
        int r = e ? -EIO : 0;
        if (!e) {
                size_t len = 0;
                void *png = spng_get_png_buffer(ctx, &len, &e);
                r = png ? ms_buf_append(out, png, len) : -EIO;
                free(png);
        }
        spng_ctx_free(ctx);
        return r;
}

static int scratch_reserve(chart_scratch *sc, size_t n) {
        if (sc->cap >= n)
                return 0;
        unsigned char *p = realloc(sc->p, n);
        if (!p)
                return -ENOMEM;
        sc->p = p;
        sc->cap = n;
        return 0;
}

int chart_png_encode(cairo_surface_t *s, const chart_png_meta *meta, chart_scratch *scratch, ms_buf *out) {
        cairo_format_t fmt = cairo_image_surface_get_format(s);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        const unsigned char *data = cairo_image_surface_get_data(s);
        png_image img = {.w = (unsigned) w, .h = (unsigned) h, .alpha = fmt == CAIRO_FORMAT_ARGB32};
        int r;

        if ((fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32) || !data || w <= 0 || h <= 0)
                return -EINVAL;
        cairo_surface_flush(s);
        img.len = (size_t) w * (size_t) h;
        r = scratch_reserve(scratch, img.len);
        if (r < 0)
                return r;
        img.pixels = scratch->p;
        r = image_index(data, stride, &img);
        if (r == -E2BIG) { /* rare: the truecolour buffer only now */
                r = scratch_reserve(scratch, img.len * (img.alpha ? 4 : 3));
                if (r < 0)
                        return r;
                img.pixels = scratch->p;
                image_truecolor(data, stride, &img);
        }
        return image_encode(&img, meta, out);
}
