/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vectors.h - test helper: golden vectors from test/vectors/SPEC/NAME.txt
 * (one vector per line, '#' comments; provenance in each directory's README),
 * found through $CC_SRCDIR (default: the current directory).  Every failure
 * (missing file, bad hex, overlong vector) fails the calling cmocka test.
 */
#ifndef CC_TEST_VECTORS_H
#define CC_TEST_VECTORS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* open $CC_SRCDIR/@relpath */
FILE *vec_open(const char *relpath);
/* next line that is neither blank nor a comment, into @line; false at the end */
int vec_next_line(FILE *fp, char *line, size_t cap);
/* @hex (even length, 0-9a-fA-F) into @out; Return: octets */
size_t vec_unhex(const char *hex, uint8_t *out, size_t cap);

/* "name hex" files: one message per line */
struct vec_msg {
	char name[48];
	uint8_t b[300];
	size_t n;
};

size_t vec_load_msgs(const char *relpath, struct vec_msg *v, size_t max);
/* the vector called @name (fails the test if there is none) */
const struct vec_msg *vec_find(const struct vec_msg *v, size_t n, const char *name);

#endif
