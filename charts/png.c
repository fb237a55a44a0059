/* SPDX-License-Identifier: MIT */
/*
 * PNG encoding with libdeflate instead of cairo's writer (zlib at its
 * default level with adaptive filters: ~23 ms of a ~24 ms chart).  The
 * chunks are simple enough to write here; libdeflate compresses and
 * checksums.
 *
 * Charts are flat colours plus antialiased text, so most charts have
 * fewer than 256 distinct pixels.  Then the image is written as an 8-bit
 * indexed PNG (lossless: the palette holds the exact colours), one byte per
 * pixel instead of three.  With more colours (lines, stacked bars: the
 * antialiased edges of several colours) it falls back to truecolour.  Both
 * unfiltered at libdeflate level 6: measured in docs/charts.md, smaller
 * than cairo's file and several times faster.  All settings are fixed and
 * no time chunk is written: the same surface gives the same bytes.
 */
#include <errno.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define HASH_BITS 12
#define INDEXED_LEVEL 6
#define TRUECOLOR_LEVEL 6

typedef struct png_image {
        unsigned w, h;
        bool alpha; /* ARGB32: unpremultiplied, with a tRNS or alpha channel */
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
                unsigned char *out = img->pixels + (size_t) y * (img->w + 1) + 1;
                out[-1] = 0; /* filter type None */
                /* A row like the one above (background, the inside of bars)
                 * has its indices already; a masked compare is not needed:
                 * equal pixels give equal indices, and an ARGB difference in
                 * an opaque image only costs the slow path. */
                if (y > 0 && memcmp(row, (const unsigned char *) row - stride, (size_t) img->w * 4) == 0) {
                        memcpy(out, out - (img->w + 1), img->w);
                        continue;
                }
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
                unsigned char *out = img->pixels + (size_t) y * (img->w * ch + 1) + 1;
                out[-1] = 0; /* filter type None */
                if (!img->alpha) /* opaque: nothing to unpremultiply */
                        for (unsigned x = 0; x < img->w; x++) {
                                out[3 * x] = (unsigned char) (row[x] >> 16);
                                out[3 * x + 1] = (unsigned char) (row[x] >> 8);
                                out[3 * x + 2] = (unsigned char) row[x];
                        }
                else
                        for (unsigned x = 0; x < img->w; x++) {
                                unsigned char px[4];
                                unpremultiply(row[x], true, px);
                                memcpy(out + (size_t) x * ch, px, ch);
                        }
        }
        img->len = ((size_t) img->w * ch + 1) * img->h;
}

static void put32(unsigned char *p, uint32_t v) {
        p[0] = (unsigned char) (v >> 24);
        p[1] = (unsigned char) (v >> 16);
        p[2] = (unsigned char) (v >> 8);
        p[3] = (unsigned char) v;
}

/* One chunk: length, type, data, CRC over type and data. */
static int put_chunk(ms_buf *out, const char type[4], const void *data, size_t len) {
        unsigned char head[8], crc[4];
        put32(head, (uint32_t) len);
        memcpy(head + 4, type, 4);
        uint32_t c = libdeflate_crc32(0, type, 4);
        if (len > 0) /* with a NULL buffer libdeflate returns the initial value */
                c = libdeflate_crc32(c, data, len);
        put32(crc, c);
        int r = ms_buf_append(out, head, 8);
        if (r >= 0 && len > 0)
                r = ms_buf_append(out, data, len);
        return r < 0 ? r : ms_buf_append(out, crc, 4);
}

/* tEXt is Latin-1: use it when the UTF-8 text fits, else iTXt (UTF-8,
 * uncompressed, no language tag). */
static int put_text_chunk(ms_buf *out, const char *key, const char *utf8) {
        ms_buf b = {};
        bool latin1 = true;
        int r = ms_buf_append(&b, key, strlen(key) + 1);
        for (const unsigned char *p = (const unsigned char *) utf8; *p && latin1 && r >= 0; p++) {
                if (*p < 0x80)
                        r = ms_buf_append(&b, p, 1);
                else if ((*p == 0xc2 || *p == 0xc3) && (p[1] & 0xc0) == 0x80) {
                        unsigned char ch = (unsigned char) (((*p & 0x03) << 6) | (p[1] & 0x3f));
                        r = ms_buf_append(&b, &ch, 1);
                        p++;
                } else
                        latin1 = false;
        }
        if (r >= 0 && !latin1) {
                b.len = strlen(key) + 1;
                r = ms_buf_append(&b, "\0\0\0\0", 4); /* not compressed, method 0, "" language, "" key */
                b.len -= 1;
                if (r >= 0)
                        r = ms_buf_puts(&b, utf8);
        }
        if (r >= 0)
                r = put_chunk(out, latin1 ? "tEXt" : "iTXt", b.data, b.len);
        ms_buf_done(&b);
        return r;
}

/* Append the whole PNG of img to out: signature, IHDR, PLTE/tRNS for a
 * palette image, the text chunks of meta, one zlib IDAT from libdeflate, IEND.
 * The compressor is kept in sc per colour type and reused across images (its
 * allocation costs more than a small chart's compression).  -ENOMEM, or -EIO
 * when libdeflate cannot compress into its own bound (cannot happen). */
static int image_encode(const png_image *img, const chart_png_meta *meta, chart_scratch *sc, ms_buf *out) {
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        unsigned char ihdr[13] = {0};
        bool indexed = img->n_palette > 0;
        int r;

        put32(ihdr, img->w);
        put32(ihdr + 4, img->h);
        ihdr[8] = 8;
        ihdr[9] = indexed ? 3 : img->alpha ? 6 : 2;
        struct libdeflate_compressor **z = &sc->z[indexed];
        if (!*z)
                *z = libdeflate_alloc_compressor(indexed ? INDEXED_LEVEL : TRUECOLOR_LEVEL);
        if (!*z)
                return -ENOMEM;
        size_t bound = libdeflate_zlib_compress_bound(*z, img->len);
        _cleanup_free_ unsigned char *idat = malloc(bound);
        if (!idat)
                return -ENOMEM;
        size_t n = libdeflate_zlib_compress(*z, img->pixels, img->len, idat, bound);
        if (n == 0)
                return -EIO;
        r = ms_buf_append(out, sig, sizeof(sig));
        if (r >= 0)
                r = put_chunk(out, "IHDR", ihdr, sizeof(ihdr));
        if (r >= 0 && indexed) {
                unsigned char plte[768], trns[256];
                for (unsigned i = 0; i < img->n_palette; i++) {
                        unsigned char px[4];
                        unpremultiply(img->palette[i], img->alpha, px);
                        memcpy(plte + 3 * i, px, 3);
                        trns[i] = px[3];
                }
                r = put_chunk(out, "PLTE", plte, 3 * img->n_palette);
                if (r >= 0 && img->alpha)
                        r = put_chunk(out, "tRNS", trns, img->n_palette);
        }
        if (r >= 0)
                r = put_text_chunk(out, "Source", meta->source);
        if (r >= 0)
                r = put_text_chunk(out, "Stand", meta->stand);
        if (r >= 0)
                r = put_text_chunk(out, "Software", meta->software);
        if (r >= 0)
                r = put_chunk(out, "IDAT", idat, n);
        if (r >= 0)
                r = put_chunk(out, "IEND", NULL, 0);
        return r;
}

void chart_scratch_done(chart_scratch *sc) {
        free(sc->p);
        for (size_t i = 0; i < ELEMENTSOF(sc->z); i++)
                if (sc->z[i])
                        libdeflate_free_compressor(sc->z[i]);
        *sc = (chart_scratch){};
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
        img.len = ((size_t) w + 1) * (size_t) h;
        r = scratch_reserve(scratch, img.len);
        if (r < 0)
                return r;
        img.pixels = scratch->p;
        r = image_index(data, stride, &img);
        if (r == -E2BIG) { /* rare: the truecolour buffer only now */
                r = scratch_reserve(scratch, ((size_t) w * (img.alpha ? 4 : 3) + 1) * (size_t) h);
                if (r < 0)
                        return r;
                img.pixels = scratch->p;
                image_truecolor(data, stride, &img);
        }
        return image_encode(&img, meta, scratch, out);
}
