/* SPDX-License-Identifier: MIT */
#include <errno.h>

#include "publish/gallery.h"

static const char gallery_head[] =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
        /* The browser itself holds us to our word: no script, nothing from
         * anyone else. */
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; "
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\" />\n"
        "<title>migstat: charts of edition ";
static const char gallery_style[] =
        "</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:1240px;padding:0 1rem;color:#1a1a1a}\n"
        "section{border-top:1px solid #ccc;padding:1rem 0}\n"
        "textarea{width:100%;font-family:monospace;font-size:.8rem}\n"
        "table{border-collapse:collapse}td,th{padding:.1rem .6rem;text-align:right}\n"
        "</style>\n</head>\n<body>\n";

static int gallery_code(ms_buf *b, const char *label, const char *name, const char *snippet) {
        int r = ms_buf_printf(b, "<p><label for=\"%s\">%s</label></p>\n<textarea id=\"%s\" readonly=\"readonly\" "
                              "rows=\"8\" spellcheck=\"false\">", name, label, name);
        if (r >= 0)
                r = ms_buf_put_xml_escaped(b, snippet);
        return r >= 0 ? ms_buf_puts(b, "</textarea>\n") : r;
}

static int gallery_entry(ms_buf *b, const ms_gallery_entry *e) {
        char name[300];
        int r = ms_buf_printf(b, "<section id=\"%s-%s\">\n<h2 lang=\"%s\">", e->id, e->lang, e->lang);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(b, e->title)) >= 0)
                r = ms_buf_printf(b, " <small>(%s, %s)</small></h2>\n", e->id, e->lang);
        if (r >= 0)
                r = ms_buf_puts(b, e->preview);
        snprintf(name, sizeof(name), "%s-%s-current", e->id, e->lang);
        if (r >= 0)
                r = gallery_code(b, "Embed code, always the latest release (follows current/):", name, e->current);
        snprintf(name, sizeof(name), "%s-%s-edition", e->id, e->lang);
        if (r >= 0)
                r = gallery_code(b, "Embed code pinned to this edition (never changes):", name, e->pinned);
        return r >= 0 ? ms_buf_puts(b, "</section>\n") : r;
}

/* Ids are [a-z0-9-] (ms_id_is_valid) and langs are ours: safe in attributes. */
int ms_gallery_write(const char *edition, const ms_gallery_entry *e, size_t n, ms_buf *out) {
        int r = ms_buf_puts(out, gallery_head);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(out, edition)) >= 0 && (r = ms_buf_puts(out, gallery_style)) >= 0 &&
            (r = ms_buf_puts(out, "<h1>Charts of edition ")) >= 0 && (r = ms_buf_put_xml_escaped(out, edition)) >= 0)
                r = ms_buf_puts(out, "</h1>\n<p>Copy a snippet into your page: it needs no JavaScript and loads "
                                     "nothing from anyone else. <a href=\"index.json\">Manifest</a></p>\n");
        for (size_t i = 0; r >= 0 && i < n; i++)
                r = gallery_entry(out, &e[i]);
        return r >= 0 ? ms_buf_puts(out, "</body>\n</html>\n") : r;
}
