/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include "control/command_table.h"
#include "control/protocol.h"

static const struct {
        const char *name;
        unsigned flag;
} protocol_options[] = {
        {"--force", MS_COMMAND_OPT_FORCE},
        {"--wait", MS_COMMAND_OPT_WAIT},
};

const char *ms_command_to_string(ms_command_kind kind) {
        if ((unsigned) kind >= _MS_COMMAND_MAX)
                return NULL;
        return ms_command_table[kind].name;
}

static bool is_id_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
}

/* Strip one trailing "\n" or "\r\n"; then every byte must be printable
 * ASCII or a blank.  The message quotes the offset, never the byte. */
static int protocol_check_text(const char *line, size_t *len, ms_error *err) {
        if (*len > 0 && line[*len - 1] == '\n')
                (*len)--;
        if (*len > 0 && line[*len - 1] == '\r')
                (*len)--;
        if (*len > MS_PROTOCOL_MAX_LINE)
                return ms_error_set(err, -EMSGSIZE, "", "request longer than %d bytes", MS_PROTOCOL_MAX_LINE);
        for (size_t i = 0; i < *len; i++) {
                unsigned char c = (unsigned char) line[i];
                if (c == '\t')
                        continue;
                if (c < 0x20 || c >= 0x7f)
                        return ms_error_set(err, -EBADMSG, "",
                                            "byte %zu: expected printable ASCII, got 0x%02x", i + 1, c);
        }
        return 0;
}

/* Split ret->buf in place into words; ret->args gets all of them. */
static int protocol_split(ms_command *ret, size_t *n_words, ms_error *err) {
        size_t n = 0;
        char *p = ret->buf;
        for (;;) {
                p += strspn(p, " \t");
                if (!*p)
                        break;
                if (n >= MS_PROTOCOL_MAX_ARGS)
                        return ms_error_set(err, -EINVAL, "", "more than %d words", MS_PROTOCOL_MAX_ARGS);
                ret->args[n++] = p;
                p += strcspn(p, " \t");
                if (*p)
                        *p++ = '\0';
        }
        *n_words = n;
        return 0;
}

/* word is no option: ms_protocol_parse() took those starting with '-'. */
static int protocol_check_id(const char *word, const char *cmd, ms_error *err) {
        size_t l = strlen(word);
        if (l > MS_PROTOCOL_MAX_ID)
                return ms_error_set(err, -EINVAL, "", "%s: expected an id of at most %d bytes", cmd,
                                    MS_PROTOCOL_MAX_ID);
        for (size_t i = 0; i < l; i++)
                if (!is_id_char(word[i]))
                        return ms_error_set(err, -EINVAL, "",
                                            "%s: expected an id of [A-Za-z0-9._-], got \"%.40s\"", cmd, word);
        return 0;
}

/* "status, list, ... or version", from the table. */
static void protocol_words(char *out, size_t n) {
        size_t len = 0;
        for (int k = 0; k < _MS_COMMAND_MAX && len < n; k++) {
                int w = snprintf(out + len, n - len, "%s%s",
                                 k == 0                     ? ""
                                 : k + 1 == _MS_COMMAND_MAX ? " or "
                                                            : ", ",
                                 ms_command_table[k].name);
                if (w < 0)
                        break;
                len += (size_t) w;
        }
}

/* An option word (starts with '-'): one the command takes, anywhere after
 * the command word. */
static int protocol_option(const ms_command_def *def, const char *word, ms_command *ret, ms_error *err) {
        for (size_t i = 0; i < ELEMENTSOF(protocol_options); i++)
                if (strcmp(word, protocol_options[i].name) == 0 &&
                    (def->options & protocol_options[i].flag)) {
                        bool *set =
                                protocol_options[i].flag == MS_COMMAND_OPT_FORCE ? &ret->force : &ret->wait;
                        if (*set) /* `regenerate --force --force`: a typo, or a script gone wrong */
                                return ms_error_set(err, -EINVAL, "", "%s: %s given twice", def->name, word);
                        *set = true;
                        return 0;
                }
        return ms_error_set(err, -EINVAL, "", "%s: unknown option \"%.40s\"", def->name, word);
}

int ms_protocol_parse(const char *line, size_t len, ms_command *ret, ms_error *err) {
        size_t n_words = 0;
        int r = protocol_check_text(line, &len, err);
        if (r < 0)
                return r;
        *ret = (ms_command){0};
        memcpy(ret->buf, line, len);
        ret->buf[len] = '\0';
        r = protocol_split(ret, &n_words, err);
        if (r < 0)
                return r;
        if (n_words == 0)
                return ms_error_set(err, -EINVAL, "", "empty request: expected a command");

        const char *word = ret->args[0];
        int kind = -1;
        for (int k = 0; k < _MS_COMMAND_MAX; k++)
                if (strcmp(word, ms_command_table[k].name) == 0)
                        kind = k;
        if (kind < 0) {
                char words[256];
                protocol_words(words, sizeof(words));
                return ms_error_set(err, -EINVAL, "", "unknown command \"%.40s\": expected %s", word, words);
        }
        ret->kind = (ms_command_kind) kind;
        const ms_command_def *def = ret->def = &ms_command_table[kind];

        size_t n = 0;
        for (size_t i = 1; i < n_words; i++) {
                const char *w = ret->args[i];
                if (w[0] == '-') {
                        r = protocol_option(def, w, ret, err);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (def->args == MS_COMMAND_ARGS_NONE)
                        return ms_error_set(err, -EINVAL, "", "%s: expected no arguments", word);
                r = protocol_check_id(w, word, err);
                if (r < 0)
                        return r;
                ret->args[n++] = w;
        }
        if (def->args == MS_COMMAND_ARGS_SOURCE && n != 1)
                return ms_error_set(err, -EINVAL, "", "%s: expected one source id, got %zu", word, n);
        for (size_t i = n; i < n_words; i++)
                ret->args[i] = NULL;
        ret->n_args = n;
        return 0;
}
