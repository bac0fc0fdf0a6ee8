// SPDX-License-Identifier: Apache-2.0
//
// Writes the JPEG-LS streams with HP colour transforms (the APP8 "mrfx" extension) that
// JpegLsColourTransformTest decodes. They come from CharLS 2.4.1 (Debian's libcharls-dev), the
// encoder that defines the extension's use in DICOM files; no DICOM tool installed here writes
// them, so they are kept as files.
//
// Build and run (in this folder):
//   gcc -O2 -o /tmp/make_hp_streams make_hp_streams.c -lcharls && /tmp/make_hp_streams
//
// The images are computed, with the same formulas as JpegLsColourTransformTest.image():
// 8-bit: 23 x 17 pixels; 16-bit: 13 x 9 pixels; samples interleaved R G B.

#include <charls/charls.h>
#include <stdio.h>
#include <stdlib.h>

static int sample(int x, int y, int c, int bits) {
    int max = (1 << bits) - 1;
    int v;
    if (c == 0) {
        v = x * 13 + y * 7;
    } else if (c == 1) {
        v = x * 5 + y * 11 + (x * y) % 17;
    } else {
        v = max - x * 3 - y;
    }
    if (bits > 8) {
        v = v * 251 + (x % 3) * 977;
    }
    return v & max;
}

static void write(const char* name, int w, int h, int bits, int ilv, int transform) {
    size_t bytes = bits > 8 ? 2 : 1;
    size_t size = (size_t) w * h * 3 * bytes;
    unsigned char* raw = malloc(size);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < 3; c++) {
                int v = sample(x, y, c, bits);
                size_t i = ((size_t) (y * w + x) * 3 + c) * bytes;
                raw[i] = (unsigned char) v;
                if (bytes == 2) {
                    raw[i + 1] = (unsigned char) (v >> 8);
                }
            }
        }
    }
    size_t cap = size * 2 + 1024;
    unsigned char* out = malloc(cap);
    charls_jpegls_encoder* enc = charls_jpegls_encoder_create();
    charls_frame_info fi = {(uint32_t) w, (uint32_t) h, bits, 3};
    if (charls_jpegls_encoder_set_frame_info(enc, &fi) || charls_jpegls_encoder_set_interleave_mode(enc, ilv)
        || charls_jpegls_encoder_set_color_transformation(enc, transform)
        || charls_jpegls_encoder_set_destination_buffer(enc, out, cap)
        || charls_jpegls_encoder_encode_from_buffer(enc, raw, size, 0)) {
        fprintf(stderr, "%s: encoding failed\n", name);
        exit(1);
    }
    size_t n = 0;
    charls_jpegls_encoder_get_bytes_written(enc, &n);
    charls_jpegls_encoder_destroy(enc);
    FILE* f = fopen(name, "wb");
    fwrite(out, 1, n, f);
    fclose(f);
    free(raw);
    free(out);
}

int main(void) {
    char name[64];
    for (int t = 1; t <= 3; t++) {
        for (int ilv = 1; ilv <= 2; ilv++) {
            snprintf(name, sizeof name, "hp%d_ilv%d_8bit.jls", t, ilv);
            write(name, 23, 17, 8, ilv, t);
        }
        snprintf(name, sizeof name, "hp%d_ilv2_16bit.jls", t);
        write(name, 13, 9, 16, 2, t);
    }
    return 0;
}
