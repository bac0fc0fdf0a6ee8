// SPDX-License-Identifier: Apache-2.0
//
// Native peer for JpegLsBenchmark: times CharLS (Debian's libcharls-dev 2.4) decoding and
// encoding the same raw frames JpegLsBenchData writes, on one thread.
//
// Build:  gcc -O2 -o charls_bench charls_bench.c -lcharls
// Data:   java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.JpegLsBenchData /tmp/jlsbench
// Run:    ./charls_bench /tmp/jlsbench/ct512x16.raw 512 512 16 1 0 [seconds]
//         (file width height bits components interleave(0 none, 1 line, 2 sample))
//
// Prints decode and encode Mpixel/s (pixels = width x height), the best of several timed rounds
// of at least `seconds` of CPU time each (default 1), after a warm-up round.

#include <charls/charls.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

// CPU time of this (single-threaded) process, not wall time: the machine is shared, and time
// spent descheduled would otherwise count against CharLS. JpegLsVersusCharLs measures
// Aperture the same way (ThreadMXBean thread CPU time).
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void check(charls_jpegls_errc e, const char* what) {
    if (e != CHARLS_JPEGLS_ERRC_SUCCESS) {
        fprintf(stderr, "%s: %s\n", what, charls_get_error_message(e));
        exit(1);
    }
}

static size_t encode(const void* src, size_t srcSize, int w, int h, int bits, int comps, int ilv,
                     void* dst, size_t dstSize) {
    charls_jpegls_encoder* enc = charls_jpegls_encoder_create();
    charls_frame_info fi = {(uint32_t) w, (uint32_t) h, bits, comps};
    check(charls_jpegls_encoder_set_frame_info(enc, &fi), "frame info");
    check(charls_jpegls_encoder_set_interleave_mode(enc, (charls_interleave_mode) ilv), "interleave");
    check(charls_jpegls_encoder_set_destination_buffer(enc, dst, dstSize), "destination");
    check(charls_jpegls_encoder_encode_from_buffer(enc, src, srcSize, 0), "encode");
    size_t written = 0;
    check(charls_jpegls_encoder_get_bytes_written(enc, &written), "bytes written");
    charls_jpegls_encoder_destroy(enc);
    return written;
}

static void decode(const void* src, size_t srcSize, void* dst, size_t dstSize) {
    charls_jpegls_decoder* dec = charls_jpegls_decoder_create();
    check(charls_jpegls_decoder_set_source_buffer(dec, src, srcSize), "source");
    check(charls_jpegls_decoder_read_header(dec), "header");
    check(charls_jpegls_decoder_decode_to_buffer(dec, dst, dstSize, 0), "decode");
    charls_jpegls_decoder_destroy(dec);
}

int main(int argc, char** argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s file width height bits components interleave [seconds]\n", argv[0]);
        return 2;
    }
    int w = atoi(argv[2]), h = atoi(argv[3]), bits = atoi(argv[4]), comps = atoi(argv[5]), ilv = atoi(argv[6]);
    double seconds = argc > 7 ? atof(argv[7]) : 1.0;
    size_t bytesPerSample = bits > 8 ? 2 : 1;
    size_t rawSize = (size_t) w * h * comps * bytesPerSample;
    unsigned char* raw = malloc(rawSize);
    FILE* f = fopen(argv[1], "rb");
    if (!f || fread(raw, 1, rawSize, f) != rawSize) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    if (bits != 8 && bits != 16) {
        // keep the low `bits` bits, as Aperture codes the stored value (two's complement for signed)
        unsigned short* s = (unsigned short*) raw;
        for (size_t i = 0; i < rawSize / 2; i++) {
            s[i] &= (unsigned short) ((1u << bits) - 1);
        }
    }
    size_t encCap = rawSize * 2 + 1024;
    unsigned char* enc = malloc(encCap);
    unsigned char* out = malloc(rawSize);
    // The raw file is pixel-interleaved (R G B R G B); CharLS takes that layout for line and
    // sample interleave (ILV none would need planar input), as Aperture does.
    size_t encSize = encode(raw, rawSize, w, h, bits, comps, ilv, enc, encCap);

    double best[2] = {0, 0};
    for (int which = 0; which < 2; which++) {
        for (int round = 0; round < 6; round++) {
            long n = 0;
            double t0 = now(), t1;
            do {
                if (which == 0) {
                    decode(enc, encSize, out, rawSize);
                } else {
                    encode(raw, rawSize, w, h, bits, comps, ilv, enc, encCap);
                }
                n++;
                t1 = now();
            } while (t1 - t0 < seconds);
            double mpx = (double) n * w * h / (t1 - t0) / 1e6;
            if (round > 0 && mpx > best[which]) {
                best[which] = mpx;
            }
        }
    }
    printf("%s %dx%d %d-bit x%d ilv %d: %zu bytes; decode %.1f Mpixel/s, encode %.1f Mpixel/s\n",
           argv[1], w, h, bits, comps, ilv, encSize, best[0], best[1]);
    free(raw);
    free(enc);
    free(out);
    return 0;
}
