/* SPDX-License-Identifier: MIT */
/* mandelbrot.c: benchmark: Mandelbrot set iteration counts (f64 loop with early exit). */
#include <stdio.h>

#define WIDTH    1600
#define HEIGHT   1200
#define MAX_ITER 512

int main(void)
{
    unsigned long long total = 0, hash = 1469598103934665603ull;
    for (int py = 0; py < HEIGHT; py++) {
        double ci = -1.2 + 2.4 * py / HEIGHT;
        for (int px = 0; px < WIDTH; px++) {
            double cr = -2.1 + 3.0 * px / WIDTH;
            double zr = 0, zi = 0;
            int it = 0;
            while (it < MAX_ITER && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                it++;
            }
            total += (unsigned)it;
            hash = (hash ^ (unsigned)it) * 1099511628211ull; /* FNV-1a */
        }
    }
    printf("mandelbrot %dx%d max %d: iterations %llu hash %016llx\n", WIDTH, HEIGHT, MAX_ITER,
           total, hash);
    return 0;
}
