/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include "control/protocol.h"

static const struct {
        const char *word;
        size_t min_args, max_args; /* 0: no arguments */
        bool takes_force;
} protocol_words[_MS_COMMAND_MAX] = {
        [MS_COMMAND_STATUS] = {"status", 0, 0, false},
        [MS_COMMAND_LIST] = {"list", 0, 0, false},
        [MS_COMMAND_FETCH] = {"fetch", 0, MS_PROTOCOL_MAX_ARGS, false},
        [MS_COMMAND_REGENERATE] = {"regenerate", 0, MS_PROTOCOL_MAX_ARGS, true},
        [MS_COMMAND_VALIDATE] = {"validate", 0, 0, false},
        [MS_COMMAND_RELOAD] = {"reload", 0, 0, false},
        [MS_COMMAND_VERSION] = {"version", 0, 0, false},
        [MS_COMMAND_ACCEPT] = {"accept", 1, 1, false},
};

const char *ms_command_to_string(ms_command_kind kind) {
        if ((unsigned) kind >= _MS_COMMAND_MAX)
                return NULL;
        return protocol_words[kind].word;
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
                        return ms_error_set(err, -EBADMSG, "", "byte %zu: expected printable ASCII, got 0x%02x",
                                            i + 1, c);
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

static int protocol_check_id(const char *word, const char *cmd, ms_error *err) {
        size_t l = strlen(word);
        if (word[0] == '-')
                return ms_error_set(err, -EINVAL, "", "%s: unknown option \"%.40s\"", cmd, word);
        if (l > MS_PROTOCOL_MAX_ID)
                return ms_error_set(err, -EINVAL, "", "%s: expected an id of at most %d bytes", cmd,
                                    MS_PROTOCOL_MAX_ID);
        for (size_t i = 0; i < l; i++)
                if (!is_id_char(word[i]))
                        return ms_error_set(err, -EINVAL, "", "%s: expected an id of [A-Za-z0-9._-], got \"%.40s\"",
                                            cmd, word);
        return 0;
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
                if (strcmp(word, protocol_words[k].word) == 0)
                        kind = k;
        if (kind < 0)
                return ms_error_set(err, -EINVAL, "",
                                    "unknown command \"%.40s\": expected status, list, fetch, regenerate, "
                                    "accept, validate, reload or version", word);
        ret->kind = (ms_command_kind) kind;

        size_t first = 1;
        if (protocol_words[kind].takes_force && n_words > 1 && strcmp(ret->args[1], "--force") == 0) {
                ret->force = true;
                first = 2;
        }
        if (first == 2 && n_words > 2 && strcmp(ret->args[2], "--force") == 0)
                return ms_error_set(err, -EINVAL, "", "%s: --force given twice", word);
        size_t n = n_words - first;
        if (n > protocol_words[kind].max_args && protocol_words[kind].max_args == 0)
                return ms_error_set(err, -EINVAL, "", "%s: expected no arguments", word);
        if (n < protocol_words[kind].min_args || n > protocol_words[kind].max_args)
                return ms_error_set(err, -EINVAL, "", "%s: expected %zu argument(s), got %zu", word,
                                    protocol_words[kind].min_args, n);
        for (size_t i = 0; i < n; i++) {
                r = protocol_check_id(ret->args[first + i], word, err);
                if (r < 0)
                        return r;
                ret->args[i] = ret->args[first + i];
        }
        for (size_t i = n; i < n_words; i++)
                ret->args[i] = NULL;
        ret->n_args = n;
        return 0;
}
