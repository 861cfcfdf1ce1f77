// SPDX-License-Identifier: GPL-2.0-or-later
/* vectors.c - see vectors.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vectors.h"

FILE *vec_open(const char *relpath)
{
	const char *dir = getenv("CC_SRCDIR");
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", relpath);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s (set CC_SRCDIR to the source tree)", path);
	return fp;
}

int vec_next_line(FILE *fp, char *line, size_t cap)
{
	while (fgets(line, (int)cap, fp))
		if (line[0] != '#' && line[0] != '\n')
			return 1;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t vec_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t len = strlen(hex), n = len / 2;

	if (len % 2 || n > cap)
		fail_msg("bad vector '%s': odd length or longer than %zu octets", hex, cap);
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			fail_msg("bad hex digit in vector '%s'", hex);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return n;
}

size_t vec_load_msgs(const char *relpath, struct vec_msg *v, size_t max)
{
	char line[1024], hex[700];
	size_t n = 0;
	FILE *fp = vec_open(relpath);

	while (n < max && vec_next_line(fp, line, sizeof(line))) {
		assert_int_equal(sscanf(line, "%47s %699s", v[n].name, hex), 2);
		v[n].n = vec_unhex(hex, v[n].b, sizeof(v[n].b));
		n++;
	}
	fclose(fp);
	return n;
}

const struct vec_msg *vec_find(const struct vec_msg *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	fail_msg("no vector %s", name);
	return NULL;
}
