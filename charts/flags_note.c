/* SPDX-License-Identifier: MIT */
/*
 * Eurostat's flags on the plotted values, as a footnote: a reader must know
 * that a figure is provisional or estimated, or that the series breaks.
 * Flags combine ("bep": a break, estimated, provisional) and confidentiality
 * comes after a bar ("|C"); ":" (not available) is no flag, the value is
 * simply missing.  The letters are those of Eurostat's OBS_STATUS and
 * CONF_STATUS lists (since 27 January 2025).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

static const struct {
        char letter;
        const char *name[MS_LANG_COUNT];
} flags[] = {
        {'b', {"Zeitreihenbruch", "break in time series"}},
        {'d', {"abweichende Definition", "definition differs"}},
        {'e', {"geschätzt", "estimated"}},
        {'f', {"Prognose", "forecast"}},
        {'i', {"von Eurostat ergänzt", "imputed by Eurostat"}},
        {'n', {"nicht signifikant", "not significant"}},
        {'p', {"vorläufig", "provisional"}},
        {'u', {"geringe Zuverlässigkeit", "low reliability"}},
        {'C', {"vertraulich", "confidential"}},
};

/* The flags of one plotted value into seen[] (indexes of flags[]). */
static void flags_scan(const char *status, bool seen[]) {
        for (const char *p = status; p && *p; p++)
                for (size_t k = 0; k < ELEMENTSOF(flags); k++)
                        if (*p == flags[k].letter)
                                seen[k] = true;
}

char *lo_flags_note(const layout_ctx *l) {
        bool seen[ELEMENTSOF(flags)] = {false};
        bool any = false;
        for (size_t k = 0; l->views && k < l->set->n; k++) {
                const ms_series *s = &l->views[k];
                for (size_t i = 0; s->status && i < s->n; i++)
                        if (s->status[i])
                                flags_scan(s->status[i], seen);
        }
        char buf[512] = "";
        size_t len = 0;
        for (size_t k = 0; k < ELEMENTSOF(flags); k++) {
                if (!seen[k])
                        continue;
                int n = snprintf(buf + len, sizeof(buf) - len, "%s%c = %s", any ? ", " : "", flags[k].letter,
                                 flags[k].name[l->lang]);
                if (n < 0 || (size_t) n >= sizeof(buf) - len)
                        break;
                len += (size_t) n;
                any = true;
        }
        if (!any)
                return NULL;
        char *out = NULL;
        if (asprintf(&out, "%s %s",
                     l->lang == MS_LANG_DE ? "Kennzeichen der Quelle:" : "Source flags:", buf) < 0)
                return NULL;
        return out;
}
