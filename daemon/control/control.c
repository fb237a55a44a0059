/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "control/control.h"
#include "control/protocol.h"
#include "base/log.h"

#define CONTROL_DEFAULT_MAX_CLIENTS 16u
#define CONTROL_DEFAULT_TIMEOUT_USEC (5ULL * 1000000ULL)
/* Accept at most this many connections per loop turn, so a flood of
 * connects cannot starve the other event sources. */
#define CONTROL_ACCEPT_PER_TURN 16
#define CONTROL_MAX_GROUPS 256

typedef struct control_client control_client;

struct ms_control {
        sd_event *event;
        int fd;
        bool activated;
        char *bound_path; /* unlinked at free when we bound it */
        sd_event_source *listen_source;
        ms_control_handler handler;
        void *userdata;
        gid_t group;
        bool have_group;
        unsigned max_clients, n_clients;
        unsigned n_waiting; /* deferred clients (not in n_clients) */
        uint64_t next_token;
        unsigned n_refused; /* refused peers since the last notice */
        uint64_t refused_logged_at; /* CLOCK_MONOTONIC usec of that notice */
        uint64_t timeout_usec;
        control_client *clients;
};

struct control_client {
        ms_control *control;
        control_client *prev, *next;
        int fd;
        sd_event_source *io, *timer;
        size_t len;
        char in[MS_PROTOCOL_MAX_LINE + 3]; /* line + "\r\n" + one byte to notice overlong */
        char *out;
        size_t out_len, out_off;
        uint64_t token; /* > 0: its answer is deferred (ms_control_defer()) */
        bool waiting; /* deferred and not answered yet: counted in n_waiting */
};

struct ms_control_request {
        control_client client; /* a request is its client, seen from a handler */
};

static control_client *client_free(control_client *cl) {
        if (!cl)
                return NULL;
        ms_control *c = cl->control;
        if (cl->prev)
                cl->prev->next = cl->next;
        else if (c->clients == cl)
                c->clients = cl->next;
        if (cl->next)
                cl->next->prev = cl->prev;
        if (cl->waiting)
                c->n_waiting--;
        else
                c->n_clients--;
        sd_event_source_disable_unref(cl->io);
        sd_event_source_disable_unref(cl->timer);
        if (cl->fd >= 0)
                (void) close(cl->fd);
        free(cl->out);
        free(cl);
        return NULL;
}

/* Queue the response line and switch the client to writing. */
static int client_respond(control_client *cl, cJSON *response) {
        char *text = response ? cJSON_PrintUnformatted(response) : NULL;
        cJSON_Delete(response);
        if (!text)
                text = strdup("{\"ok\":false,\"error\":\"out of memory\"}");
        if (!text)
                return -ENOMEM;
        size_t n = strlen(text);
        char *out = realloc(text, n + 2);
        if (!out) {
                free(text);
                return -ENOMEM;
        }
        out[n] = '\n';
        out[n + 1] = '\0';
        cl->out = out;
        cl->out_len = n + 1;
        return sd_event_source_set_io_events(cl->io, EPOLLOUT);
}

static int client_write(control_client *cl);

static int client_handle_line(control_client *cl, size_t len) {
        cJSON *response = cl->control->handler(cl->in, len, (ms_control_request *) cl, cl->control->userdata);
        if (cl->waiting) { /* deferred: no time-out while it waits for its run */
                cJSON_Delete(response);
                return sd_event_source_set_enabled(cl->timer, SD_EVENT_OFF);
        }
        return client_respond(cl, response);
}

uint64_t ms_control_defer(ms_control_request *req) {
        control_client *cl = &req->client;
        ms_control *c = cl->control;
        if (c->n_waiting >= MS_CONTROL_MAX_WAITING)
                return 0;
        cl->token = ++c->next_token;
        cl->waiting = true;
        c->n_clients--;
        c->n_waiting++;
        return cl->token;
}

/* A waiting client may only hang up: its half-close (EOF) is no hang-up
 * (socat shuts its sending side down and still reads), so after EOF only
 * EPOLLHUP/EPOLLERR, which epoll always reports, are watched. */
static int client_read_waiting(control_client *cl) {
        char sink[256];
        ssize_t n = read(cl->fd, sink, sizeof(sink));
        if (n < 0)
                return errno == EAGAIN || errno == EINTR ? 0 : -errno;
        return n == 0 ? sd_event_source_set_io_events(cl->io, 0) : 0;
}

int ms_control_reply(ms_control *c, uint64_t token, cJSON *response) {
        control_client *cl = c->clients;
        while (cl && cl->token != token)
                cl = cl->next;
        if (!cl || !cl->waiting) {
                cJSON_Delete(response);
                return -ENOENT;
        }
        cl->waiting = false;
        c->n_waiting--;
        c->n_clients++; /* back to the clients with a time-out, while it is written */
        int r = client_respond(cl, response);
        if (r >= 0)
                r = sd_event_source_set_time_relative(cl->timer, c->timeout_usec);
        if (r >= 0)
                r = sd_event_source_set_enabled(cl->timer, SD_EVENT_ONESHOT);
        /* Write now: the loop may be about to exit (a stop after the run). */
        if (r >= 0)
                r = client_write(cl);
        if (r < 0)
                client_free(cl);
        return 0;
}

/* Read what is there; answer at the first newline, at EOF, or when the
 * line is too long (ms_protocol_parse says so). */
static int client_read(control_client *cl) {
        size_t cap = sizeof(cl->in) - cl->len;
        ssize_t n = read(cl->fd, cl->in + cl->len, cap);
        if (n < 0)
                return errno == EAGAIN || errno == EINTR ? 0 : -errno;
        if (n == 0) /* EOF: answer a request without a newline, or go */
                return cl->len > 0 ? client_handle_line(cl, cl->len) : -ECONNRESET;
        char *nl = memchr(cl->in + cl->len, '\n', (size_t) n);
        cl->len += (size_t) n;
        if (nl)
                return client_handle_line(cl, (size_t) (nl - cl->in) + 1);
        if (cl->len == sizeof(cl->in))
                return client_handle_line(cl, cl->len);
        return 0;
}

static int client_write(control_client *cl) {
        while (cl->out_off < cl->out_len) {
                ssize_t n = send(cl->fd, cl->out + cl->out_off, cl->out_len - cl->out_off, MSG_NOSIGNAL);
                if (n < 0)
                        return errno == EAGAIN || errno == EINTR ? 0 : -errno;
                cl->out_off += (size_t) n;
        }
        return -ECONNRESET; /* done: one request per connection */
}

static int on_client_io(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        control_client *cl = userdata;
        (void) s;
        (void) fd;
        int r = 0;
        if (cl->out)
                r = (revents & (EPOLLOUT | EPOLLERR | EPOLLHUP)) ? client_write(cl) : 0;
        else if (cl->waiting)
                r = (revents & (EPOLLHUP | EPOLLERR)) ? -ECONNRESET : client_read_waiting(cl);
        else if (revents & (EPOLLIN | EPOLLHUP | EPOLLERR))
                r = client_read(cl);
        if (r < 0) {
                if (r != -ECONNRESET && r != -EPIPE)
                        log_debug("control: client dropped: %s", strerror(-r));
                client_free(cl);
        }
        return 0;
}

static int on_client_timeout(sd_event_source *s, uint64_t usec, void *userdata) {
        (void) s;
        (void) usec;
        log_debug("control: client timed out");
        client_free(userdata);
        return 0;
}

/* Root, our own user, or the configured group (primary or supplementary). */
static bool control_peer_allowed(const ms_control *c, int fd) {
        struct ucred cred;
        socklen_t l = sizeof(cred);
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &l) < 0)
                return false;
        if (cred.uid == 0 || cred.uid == geteuid())
                return true;
        if (!c->have_group)
                return false;
        if (cred.gid == c->group)
                return true;
        gid_t groups[CONTROL_MAX_GROUPS];
        l = sizeof(groups);
        if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &l) < 0)
                return false;
        for (size_t i = 0; i < l / sizeof(gid_t); i++)
                if (groups[i] == c->group)
                        return true;
        return false;
}

/* Best effort: a short line into a fresh socket's empty buffer does not block. */
static void control_refuse(int fd, const char *why) {
        char line[128];
        int n = snprintf(line, sizeof(line), "{\"ok\":false,\"error\":\"%s\"}\n", why);
        (void) send(fd, line, (size_t) n, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void) close(fd);
}

static int control_add_client(ms_control *c, int fd) {
        control_client *cl = calloc(1, sizeof(*cl));
        if (!cl) {
                (void) close(fd);
                return -ENOMEM;
        }
        *cl = (control_client){.control = c, .fd = fd, .next = c->clients};
        if (c->clients)
                c->clients->prev = cl;
        c->clients = cl;
        c->n_clients++;
        int r = sd_event_add_io(c->event, &cl->io, fd, EPOLLIN, on_client_io, cl);
        if (r >= 0)
                r = sd_event_add_time_relative(c->event, &cl->timer, CLOCK_MONOTONIC, c->timeout_usec,
                                               100 * 1000, on_client_timeout, cl);
        if (r >= 0) {
                (void) sd_event_source_set_description(cl->io, "control-client");
                (void) sd_event_source_set_description(cl->timer, "control-client-timeout");
        }
        if (r < 0) {
                client_free(cl);
                return r;
        }
        /* A client like migstatctl has sent its request before we accepted
         * it: read it now, so a burst of newcomers cannot evict it (below)
         * before its first turn. */
        r = client_read(cl);
        if (r < 0)
                client_free(cl);
        return 0;
}

/* The client connected longest ago that has not sent a whole request (the
 * list is newest first), or NULL. */
static control_client *control_oldest_waiting(ms_control *c) {
        control_client *oldest = NULL;
        for (control_client *cl = c->clients; cl; cl = cl->next)
                if (!cl->out && !cl->waiting)
                        oldest = cl;
        return oldest;
}

/* Refusing newcomers while idle or slow clients hold every slot would let
 * them lock out `status` until their timeouts: instead the oldest client
 * still waiting for its line makes room (as sshd's MaxStartups drops
 * unauthenticated connections).  A client that sent its request is never
 * dropped. */
static bool control_make_room(ms_control *c) {
        control_client *victim = control_oldest_waiting(c);
        if (!victim)
                return false;
        static const char msg[] =
                "{\"ok\":false,\"error\":\"too many clients: dropped the oldest waiting connection\"}\n";
        (void) send(victim->fd, msg, sizeof(msg) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        client_free(victim);
        return true;
}

/* One notice per burst of refused peers, not one per connection. */
static void control_log_refused(ms_control *c) {
        uint64_t now = 0;
        (void) sd_event_now(c->event, CLOCK_MONOTONIC, &now);
        c->n_refused++;
        if (c->refused_logged_at != 0 && now - c->refused_logged_at < 10ULL * 1000000ULL)
                return;
        log_notice("control: refused %u client(s): not root nor in the control group", c->n_refused);
        c->refused_logged_at = now;
        c->n_refused = 0;
}

static int on_listen(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        ms_control *c = userdata;
        (void) s;
        (void) revents;
        for (int i = 0; i < CONTROL_ACCEPT_PER_TURN; i++) {
                int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (cfd < 0) {
                        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
                                log_warning_errno(errno, "control: accept failed: %m, ignoring");
                        return 0;
                }
                if (!control_peer_allowed(c, cfd)) {
                        control_log_refused(c);
                        control_refuse(cfd, "permission denied");
                } else if (c->n_clients >= c->max_clients && !control_make_room(c))
                        control_refuse(cfd, "too many clients, try again");
                else {
                        int r = control_add_client(c, cfd);
                        if (r < 0)
                                log_warning_errno(r, "control: cannot serve a client: %m, ignoring");
                }
        }
        return 0;
}

/* The socket systemd passed with FileDescriptorName=control, or a single
 * unnamed one; -ENOENT when there is none. */
static int control_take_listen_fd(int *ret) {
        char **names = NULL;
        int n = sd_listen_fds_with_names(true, &names);
        int fd = -ENOENT;
        for (int i = 0; i < n; i++) {
                bool named = names && names[i] && strcmp(names[i], "control") == 0;
                bool sole = n == 1 && (!names || !names[i] || strcmp(names[i], "unknown") == 0);
                if ((named || sole) &&
                    sd_is_socket_unix(SD_LISTEN_FDS_START + i, SOCK_STREAM, 1, NULL, 0) > 0)
                        fd = SD_LISTEN_FDS_START + i;
        }
        for (int i = 0; names && i < n; i++)
                free(names[i]);
        free(names);
        if (n < 0)
                return n;
        if (fd < 0)
                return fd;
        int flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
                return -errno;
        *ret = fd;
        return 0;
}

/* A socket file nobody listens on is stale (a crash left it): remove it.
 * One somebody listens on belongs to a running daemon: refuse. */
static int control_clear_stale(const struct sockaddr_un *sa, socklen_t salen) {
        struct stat st;
        if (lstat(sa->sun_path, &st) < 0)
                return errno == ENOENT ? 0 : -errno;
        if (!S_ISSOCK(st.st_mode))
                return -EEXIST;
        _cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
                return -errno;
        if (connect(fd, (const struct sockaddr *) sa, salen) == 0)
                return -EADDRINUSE;
        if (errno != ECONNREFUSED && errno != ENOENT)
                return -errno;
        log_info("control: removing stale socket %s", sa->sun_path);
        return unlink(sa->sun_path) < 0 && errno != ENOENT ? -errno : 0;
}

static int control_bind(ms_control *c, const char *path) {
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sa.sun_path))
                return log_error_errno(ENAMETOOLONG, "control: socket path %s too long", path);
        memcpy(sa.sun_path, path, strlen(path) + 1); /* length checked above */
        socklen_t salen = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
                *slash = '\0';
                if (mkdir(dir, 0755) < 0 && errno != EEXIST)
                        return log_error_errno(errno, "control: cannot create %s: %m", dir);
        }
        int r = control_clear_stale(&sa, salen);
        if (r < 0)
                return log_error_errno(r, "control: %s: %s", path,
                                       r == -EADDRINUSE ? "another migstatd listens there" : strerror(-r));
        c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c->fd < 0)
                return log_error_errno(errno, "control: socket: %m");
        mode_t old = umask(0117); /* no window with a wider mode than 0660 */
        r = bind(c->fd, (const struct sockaddr *) &sa, salen) < 0 ? -errno : 0;
        umask(old);
        if (r < 0)
                return log_error_errno(r, "control: cannot bind %s: %m", path);
        if (!(c->bound_path = strdup(path)))
                return -ENOMEM;
        if (chmod(path, 0660) < 0)
                return log_error_errno(errno, "control: cannot chmod %s: %m", path);
        if (c->have_group && geteuid() == 0 && chown(path, (uid_t) -1, c->group) < 0)
                log_warning_errno(errno, "control: cannot give %s to the control group: %m, ignoring", path);
        if (listen(c->fd, SOMAXCONN) < 0)
                return log_error_errno(errno, "control: listen on %s: %m", path);
        return 0;
}

void ms_control_set_group(ms_control *c, const char *group) {
        c->have_group = false;
        if (!group || !group[0])
                return;
        struct group *g = getgrnam(group);
        if (!g) {
                log_notice("control: group %s does not exist; only root may use the socket", group);
                return;
        }
        c->group = g->gr_gid;
        c->have_group = true;
}

int ms_control_new(sd_event *e, const ms_control_options *o, ms_control_handler h, void *userdata,
                   ms_control **ret) {
        _cleanup_(ms_control_freep) ms_control *c = calloc(1, sizeof(*c));
        if (!c)
                return -ENOMEM;
        *c = (ms_control){
                .event = sd_event_ref(e),
                .fd = -1,
                .handler = h,
                .userdata = userdata,
                .max_clients = o->max_clients ? o->max_clients : CONTROL_DEFAULT_MAX_CLIENTS,
                .timeout_usec = o->timeout_usec ? o->timeout_usec : CONTROL_DEFAULT_TIMEOUT_USEC,
        };
        ms_control_set_group(c, o->group);
        int r = control_take_listen_fd(&c->fd);
        if (r >= 0)
                c->activated = true;
        else if (r == -ENOENT)
                r = control_bind(c, o->path);
        else
                return log_error_errno(r, "control: cannot take the socket from systemd: %m");
        if (r < 0)
                return r;
        r = sd_event_add_io(e, &c->listen_source, c->fd, EPOLLIN, on_listen, c);
        if (r < 0)
                return log_error_errno(r, "control: cannot watch the socket: %m");
        (void) sd_event_source_set_description(c->listen_source, "control-listen");
        log_debug("control: %s socket %s", c->activated ? "listening on systemd's" : "bound",
                  c->activated ? "" : o->path);
        *ret = TAKE_PTR(c);
        return 0;
}

unsigned ms_control_n_clients(const ms_control *c) {
        return c ? c->n_clients : 0;
}

bool ms_control_activated(const ms_control *c) {
        return c && c->activated;
}

ms_control *ms_control_free(ms_control *c) {
        if (!c)
                return NULL;
        while (c->clients)
                client_free(c->clients);
        sd_event_source_disable_unref(c->listen_source);
        if (c->fd >= 0)
                (void) close(c->fd);
        if (c->bound_path)
                (void) unlink(c->bound_path);
        free(c->bound_path);
        sd_event_unref(c->event);
        free(c);
        return NULL;
}
