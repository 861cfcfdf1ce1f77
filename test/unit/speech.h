/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * speech.h - test helper: speech synthesised at test time with espeak-ng (a
 * Debian package), resampled to 8 kHz, for the DSP detectors' talk-off tests.
 */
#ifndef CC_TEST_SPEECH_H
#define CC_TEST_SPEECH_H

#include <stdint.h>

/* One espeak-ng rendering of every test text: pitch (0-99) and words per minute. */
struct speech_voice {
	int pitch;
	int wpm;
};

/*
 * Synthesise every test text (English, Mandarin, Cantonese, German call-center
 * phrases) once per voice and append the 8 kHz samples to *out (realloc'ed;
 * *out_n counts samples).  Renderings that fail are skipped.
 * Returns the number of renderings appended.
 */
int speech_synth(const struct speech_voice *voices, int nvoices, int16_t **out, int *out_n);

#endif
