// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test helper: espeak-ng speech for talk-off tests (see speech.h).  Linked into
 * every unit test binary; only the DSP detector tests call it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "speech.h"

static const char *const texts[][2] = {
	{ "en", "Emergency center, what is the address of the emergency? Please stay on the "
		"line. Is the patient breathing? Tell me exactly what happened. The ambulance is "
		"on its way, number one two zero. Do not move the patient unless necessary." },
	{ "en-us", "Thank you for calling the government hotline twelve three four five. Your "
		   "complaint has been registered. Please hold while we transfer your call to "
		   "the responsible department. Say yes or press one to confirm, nine to repeat." },
	{ "cmn", "你好，这里是一二零急救中心，请问病人在什么地方？请不要挂机，救护车马上就到。"
		 "病人现在还有呼吸吗？请告诉我详细的地址和您的电话号码。" },
	{ "cmn", "您好，这里是一二三四五政务服务便民热线，请问有什么可以帮您？您反映的问题我们已经"
		 "记录，将在三个工作日内给您答复，感谢您的来电，再见。" },
	{ "yue", "你好，呢度係急救中心，請講低你嘅地址同埋電話號碼，救護車即刻就到。" },
	{ "de", "Guten Tag, hier ist die Notrufzentrale. Bitte nennen Sie Ihre Adresse und "
		"beschreiben Sie, was passiert ist. Bleiben Sie am Telefon." },
};

/* Read a 16-bit mono WAV, resample to 8 kHz with a windowed-sinc low-pass. */
static int load_wav_8k(const char *path, int16_t **out, int *out_n)
{
	FILE *f = fopen(path, "rb");
	unsigned char hdr[44];
	long sz;
	int rate, n;
	int16_t *in;

	if (!f)
		return -1;
	if (fread(hdr, 1, 44, f) != 44) {
		fclose(f);
		return -1;
	}
	rate = hdr[24] | hdr[25] << 8 | hdr[26] << 16;
	fseek(f, 0, SEEK_END);
	sz = ftell(f) - 44;
	fseek(f, 44, SEEK_SET);
	n = (int)(sz / 2);
	in = malloc((size_t)n * 2);
	if (!in || fread(in, 2, (size_t)n, f) != (size_t)n) {
		free(in);
		fclose(f);
		return -1;
	}
	fclose(f);
	int m = (int)((long long)n * 8000 / rate);
	int16_t *o = realloc(*out, (size_t)(*out_n + m) * 2);

	if (!o) {
		free(in);
		return -1;
	}
	double fc = 3600.0 / rate; /* cut-off, cycles per input sample */

	for (int j = 0; j < m; j++) {
		double t = (double)j * rate / 8000, acc = 0;
		int c = (int)t;

		for (int i = c - 24; i <= c + 24; i++) {
			if (i < 0 || i >= n)
				continue;
			double d = t - i;
			double w = 0.5 + 0.5 * cos(M_PI * d / 25.0);
			double sc = d == 0 ? 2 * fc : sin(2 * M_PI * fc * d) / (M_PI * d);

			acc += in[i] * sc * w;
		}
		o[*out_n + j] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : (int16_t)lrint(acc);
	}
	free(in);
	*out = o;
	*out_n += m;
	return 0;
}

int speech_synth(const struct speech_voice *voices, int nvoices, int16_t **out, int *out_n)
{
	char dir[] = "/tmp/cc-talkoff-XXXXXX";
	int done = 0;

	if (!mkdtemp(dir))
		return 0;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (int v = 0; v < nvoices; v++) {
			char cmd[2048], path[256];

			snprintf(path, sizeof(path), "%s/s%zu_%d.wav", dir, t, v);
			snprintf(cmd, sizeof(cmd),
				 "espeak-ng -v %s -p %d -s %d -w %s '%s' >/dev/null 2>&1",
				 texts[t][0], voices[v].pitch, voices[v].wpm, path, texts[t][1]);
			if (system(cmd) == 0 && load_wav_8k(path, out, out_n) == 0)
				done++;
			unlink(path);
		}
	rmdir(dir);
	return done;
}
