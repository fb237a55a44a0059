/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * What the publisher trusts in the publish directory, which other programs
 * (a web server's deploy user, an operator, an attacker who got in) can
 * also write: `current` must be a symbolic link to releases/<name> and that
 * release a real directory; `releases` a real directory.  A symbolic link
 * planted anywhere else is never followed: a planted `current` would make
 * us hard-link files from wherever it points into the next release.
 */
#include "migstat/error.h"

/* -ELOOP with a message naming dir/name when name is a symbolic link. */
int ms_publish_refuse_symlink(int dirfd, const char *dir, const char *name, ms_error *err);

/* Open the release `current` points at into *ret_fd: -1 when there is no
 * `current` or it dangles (a first run).  Refuses (-ELOOP/-EINVAL, err says
 * what was found and what was expected) a `current` that is not a link of
 * the form releases/<name>, or whose release is a symbolic link. */
int ms_publish_open_current(int publish_fd, int releases_fd, const char *dir, int *ret_fd, ms_error *err);
