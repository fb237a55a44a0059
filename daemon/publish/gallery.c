/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "migstat/lang.h"
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
        ".note{background:#fff4d6;border:1px solid #c9a227;padding:.5rem 1rem}\n"
        "[role=navigation] ol{columns:2}\n"
        "</style>\n</head>\n<body>\n";

/* The words of the gallery around each chart, in the chart's language. */
static const struct {
        const char *name, *contents, *current, *light, *plain, *iframe, *pinned, *page, *pdf, *csv;
} words[MS_LANG_COUNT] = {
        [MS_LANG_DE] = {"Deutsch", "Inhalt", "Einbettungscode, immer die neueste Ausgabe (folgt current/):",
                        "Dasselbe nur im hellen Farbschema, für Seiten ohne dunkles Design:",
                        "Nur ein <img> (für CMS, die <picture> entfernen, z. B. WordPress):",
                        "Als <iframe> (die Seite des Diagramms):",
                        "An diese Ausgabe gebunden (folgt nur Korrekturen desselben Datenmonats):",
                        "Seite zum Teilen", "PDF für den Druck", "Daten als CSV"},
        [MS_LANG_EN] = {"English", "Contents", "Embed code, always the latest release (follows current/):",
                        "The same in the light scheme only, for sites without a dark theme:",
                        "A plain <img> (for CMSs that strip <picture>, such as WordPress):",
                        "As an <iframe> (the chart's page):",
                        "Pinned to this edition (follows only corrections of the same data month):",
                        "Page to share", "PDF for print", "Data as CSV"},
};

static int gallery_lang(const char *code) {
        for (int l = 0; l < MS_LANG_COUNT; l++)
                if (strcmp(ms_lang_code((ms_lang) l), code) == 0)
                        return l;
        return 0;
}

static int gallery_code(ms_buf *b, const char *label, const char *name, const char *snippet) {
        int r = ms_buf_printf(b, "<p><label for=\"%s\">", name);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(b, label)) >= 0)
                r = ms_buf_printf(b,
                                  "</label></p>\n<textarea id=\"%s\" readonly=\"readonly\" rows=\"6\" "
                                  "spellcheck=\"false\">",
                                  name);
        if (r >= 0)
                r = ms_buf_put_xml_escaped(b, snippet);
        return r >= 0 ? ms_buf_puts(b, "</textarea>\n") : r;
}

/* <iframe> of the chart's page: a fixed aspect ratio (the page's height
 * adds the caption and the table's summary line). */
static int gallery_iframe(ms_buf *b, const ms_gallery_options *o, const ms_gallery_entry *e,
                          const char *name) {
        ms_buf code = {0};
        int r = ms_buf_printf(&code, "<iframe src=\"%s%s.%s.page.html\" title=\"",
                              o->base_url ? o->base_url : "/current/", e->id, e->lang);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(&code, e->title)) >= 0)
                r = ms_buf_printf(
                        &code,
                        "\" width=\"%u\" height=\"%u\" loading=\"lazy\" "
                        "style=\"border:0;width:100%%;max-width:%upx;height:auto;aspect-ratio:%u/%u\">"
                        "</iframe>\n",
                        e->width, e->height + 120, e->width, e->width, e->height + 120);
        if (r >= 0)
                r = gallery_code(b, words[gallery_lang(e->lang)].iframe, name, code.data);
        ms_buf_done(&code);
        return r;
}

static int gallery_entry(ms_buf *b, const ms_gallery_options *o, const ms_gallery_entry *e) {
        char name[300];
        int l = gallery_lang(e->lang);
        int r = ms_buf_printf(b, "<section id=\"%s-%s\" lang=\"%s\">\n<h2>", e->id, e->lang, e->lang);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(b, e->title)) >= 0)
                r = ms_buf_printf(b, " <small>(%s, %s)</small></h2>\n", e->id, e->lang);
        if (r >= 0)
                r = ms_buf_puts(b, e->preview);
        if (r >= 0)
                r = ms_buf_printf(b,
                                  "<p><a href=\"%s.%s.page.html\">%s</a> · <a href=\"%s.%s.pdf\">%s</a> · "
                                  "<a href=\"%s.%s.csv\">%s</a></p>\n",
                                  e->id, e->lang, words[l].page, e->id, e->lang, words[l].pdf, e->id, e->lang,
                                  words[l].csv);
        const struct {
                const char *suffix, *label, *code;
        } codes[] = {
                {"current", words[l].current, e->current},
                {"light", words[l].light, e->light},
                {"plain", words[l].plain, e->plain},
        };
        for (size_t i = 0; r >= 0 && i < sizeof(codes) / sizeof(codes[0]); i++) {
                snprintf(name, sizeof(name), "%s-%s-%s", e->id, e->lang, codes[i].suffix);
                if (codes[i].code)
                        r = gallery_code(b, codes[i].label, name, codes[i].code);
        }
        snprintf(name, sizeof(name), "%s-%s-iframe", e->id, e->lang);
        if (r >= 0)
                r = gallery_iframe(b, o, e, name);
        snprintf(name, sizeof(name), "%s-%s-edition", e->id, e->lang);
        if (r >= 0)
                r = gallery_code(b, words[l].pinned, name, e->pinned);
        return r >= 0 ? ms_buf_puts(b, "</section>\n") : r;
}

/* The language switch and, per language, a table of contents. */
static int gallery_nav(ms_buf *b, const ms_gallery_entry *e, size_t n) {
        /* <div role=navigation>, not <nav>: HTML 4 parsers (xmllint) know it. */
        int r = ms_buf_puts(b, "<div role=\"navigation\" aria-label=\"Language\"><p>");
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++)
                r = ms_buf_printf(b, "%s<a href=\"#lang-%s\" hreflang=\"%s\" lang=\"%s\">%s</a>",
                                  l ? " · " : "", ms_lang_code((ms_lang) l), ms_lang_code((ms_lang) l),
                                  ms_lang_code((ms_lang) l), words[l].name);
        if (r >= 0)
                r = ms_buf_puts(b, "</p></div>\n");
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++) {
                const char *lc = ms_lang_code((ms_lang) l);
                r = ms_buf_printf(
                        b, "<div role=\"navigation\" id=\"lang-%s\" lang=\"%s\"><h2>%s: %s</h2>\n<ol>\n", lc,
                        lc, words[l].name, words[l].contents);
                for (size_t i = 0; r >= 0 && i < n; i++) {
                        if (strcmp(e[i].lang, lc) != 0)
                                continue;
                        r = ms_buf_printf(b, "<li><a href=\"#%s-%s\">", e[i].id, e[i].lang);
                        if (r >= 0 && (r = ms_buf_put_xml_escaped(b, e[i].title)) >= 0)
                                r = ms_buf_puts(b, "</a></li>\n");
                }
                if (r >= 0)
                        r = ms_buf_puts(b, "</ol>\n</div>\n");
        }
        return r;
}

/* Entries in language order (all German ones, then all English ones), so
 * that each language's table of contents leads to one block. */
static int gallery_entries(ms_buf *b, const ms_gallery_options *o, const ms_gallery_entry *e, size_t n) {
        int r = 0;
        for (int l = 0; r >= 0 && l < MS_LANG_COUNT; l++)
                for (size_t i = 0; r >= 0 && i < n; i++)
                        if (strcmp(e[i].lang, ms_lang_code((ms_lang) l)) == 0)
                                r = gallery_entry(b, o, &e[i]);
        return r;
}

/* Ids are [a-z0-9-] (ms_id_is_valid) and langs are ours: safe in attributes. */
int ms_gallery_write(const ms_gallery_options *o, const ms_gallery_entry *e, size_t n, ms_buf *out) {
        int r = ms_buf_puts(out, gallery_head);
        if (r >= 0 && (r = ms_buf_put_xml_escaped(out, o->edition)) >= 0 &&
            (r = ms_buf_puts(out, gallery_style)) >= 0 &&
            (r = ms_buf_puts(out, "<h1>Charts of edition ")) >= 0 &&
            (r = ms_buf_put_xml_escaped(out, o->edition)) >= 0)
                r = ms_buf_puts(out,
                                "</h1>\n<p>Copy a snippet into your page: it needs no JavaScript and loads "
                                "nothing from anyone else. <a href=\"index.json\">Manifest</a></p>\n");
        if (r >= 0 && !o->base_url)
                r = ms_buf_puts(
                        out,
                        "<p class=\"note\" id=\"no-base-url\"><strong>BaseURL is not set.</strong> The "
                        "snippets' addresses are root-relative (<code>/current/...</code>): they work on "
                        "pages of this host only, and shared pages carry no link preview. For snippets "
                        "meant for other sites set <code>[Publish] BaseURL=https://your.host</code> in "
                        "migstat.conf.</p>\n");
        if (r >= 0)
                r = gallery_nav(out, e, n);
        if (r >= 0)
                r = gallery_entries(out, o, e, n);
        return r >= 0 ? ms_buf_puts(out, "</body>\n</html>\n") : r;
}
