/* SPDX-License-Identifier: MIT */
/* libc_files.c: WASI test: stdio and POSIX file calls in the current directory; the output must equal the native build's. */
/*
 * tests/suites/wasi.sh runs it natively in one empty directory and under
 * jericho with --dir ANOTHER::. and compares what each prints and leaves.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

/* errno by name: strerror's texts differ between glibc and wasi-libc. */
static const char *err_name(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    default: return "other";
    }
}

#define TRY(what, expr)                                                                            \
    do {                                                                                           \
        errno = 0;                                                                                 \
        int r_ = (expr);                                                                           \
        printf("%-40s %s\n", what, r_ < 0 ? err_name(errno) : "ok");                               \
    } while (0)

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints a directory's entries, sorted, with their types. */
static void list(const char *path)
{
    DIR *d = opendir(path);
    char *names[64];
    int n = 0;
    if (!d) {
        printf("opendir %s: %s\n", path, err_name(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char buf[300];
        snprintf(buf, sizeof buf, "%s%s", e->d_name,
                 e->d_type == DT_DIR   ? "/"
                 : e->d_type == DT_LNK ? "@"
                                       : "");
        names[n++] = strdup(buf);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("ls %s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void show_stat(const char *path, int follow)
{
    struct stat st;
    errno = 0;
    int r = follow ? stat(path, &st) : lstat(path, &st);
    if (r < 0) {
        printf("stat %s: %s\n", path, err_name(errno));
        return;
    }
    printf("stat %s: %s size=%lld nlink=%d\n", path,
           S_ISDIR(st.st_mode)   ? "dir"
           : S_ISLNK(st.st_mode) ? "link"
           : S_ISREG(st.st_mode) ? "file"
                                 : "other",
           S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size, (int)st.st_nlink);
}

static void stdio_part(void)
{
    FILE *f = fopen("a.txt", "w");
    if (!f) {
        printf("fopen a.txt: %s\n", err_name(errno));
        return;
    }
    for (int i = 0; i < 100; i++)
        fprintf(f, "line %d of a file written with stdio\n", i);
    fclose(f);
    f = fopen("a.txt", "r");
    char line[128];
    int lines = 0;
    while (fgets(line, sizeof line, f))
        lines++;
    printf("lines read back: %d\n", lines);
    fseek(f, 5, SEEK_SET);
    size_t got = fread(line, 1, 10, f);
    line[got] = 0;
    printf("fseek 5, fread 10: [%s] ftell=%ld\n", line, ftell(f));
    fseek(f, -12, SEEK_END);
    got = fread(line, 1, sizeof line - 1, f);
    line[got] = 0;
    printf("last 12 bytes: [%s]", line);
    fseek(f, 0, SEEK_END);
    printf("size by ftell: %ld\n", ftell(f));
    fclose(f);
    f = fopen("a.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen("a.txt", "r+");
    fseek(f, 0, SEEK_SET);
    fputs("LINE", f);
    fclose(f);
    f = fopen("a.txt", "rb");
    got = fread(line, 1, 8, f);
    line[got] = 0;
    printf("after r+: [%s]\n", line);
    fclose(f);
    show_stat("a.txt", 1);
    f = fopen("b.bin", "wb+");
    unsigned char block[4096];
    for (int i = 0; i < 4096; i++)
        block[i] = (unsigned char)(i * 7);
    for (int i = 0; i < 50; i++)
        fwrite(block, 1, sizeof block, f);
    rewind(f);
    unsigned long sum = 0;
    while ((got = fread(block, 1, sizeof block, f)) > 0)
        for (size_t i = 0; i < got; i++)
            sum += block[i];
    printf("binary file checksum: %lu\n", sum);
    fclose(f);
    errno = 0;
    printf("fopen missing: %s\n", fopen("missing.txt", "r") ? "ok" : err_name(errno));
}

static void posix_part(void)
{
    TRY("mkdir sub", mkdir("sub", 0755));
    TRY("mkdir sub again", mkdir("sub", 0755));
    TRY("mkdir sub/deeper", mkdir("sub/deeper", 0755));
    TRY("rename a.txt sub/moved.txt", rename("a.txt", "sub/moved.txt"));
    TRY("access a.txt", access("a.txt", F_OK));
    TRY("symlink moved.txt sub/link", symlink("moved.txt", "sub/link"));
    TRY("link sub/moved.txt sub/hard", link("sub/moved.txt", "sub/hard"));
    show_stat("sub/moved.txt", 1);
    show_stat("sub/link", 0);
    show_stat("sub/link", 1);
    show_stat("sub", 1);
    char buf[64];
    ssize_t n = readlink("sub/link", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("readlink sub/link: %s\n", buf);
    list("sub");
    TRY("truncate sub/hard 10", truncate("sub/hard", 10));
    show_stat("sub/moved.txt", 1);
    int fd = open("sub/moved.txt", O_RDWR);
    TRY("ftruncate 4", ftruncate(fd, 4));
    TRY("pwrite", (int)pwrite(fd, "XYZ", 3, 2) - 3);
    n = pread(fd, buf, sizeof buf, 0);
    buf[n > 0 ? n : 0] = 0;
    printf("pread: [%s]\n", buf);
    TRY("lseek end", (int)lseek(fd, 0, SEEK_END) - 5);
    close(fd);
    struct timeval tv[2] = { { 1000000, 0 }, { 2000000, 0 } };
    TRY("utimes", utimes("sub/moved.txt", tv));
    struct stat st;
    stat("sub/moved.txt", &st);
    printf("mtime: %lld\n", (long long)st.st_mtime);
    TRY("unlink sub (a directory)", unlink("sub"));
    TRY("rmdir sub (not empty)", rmdir("sub"));
    TRY("rmdir sub/moved.txt (a file)", rmdir("sub/moved.txt"));
    TRY("open sub for writing", open("sub", O_WRONLY));
    TRY("opendir sub/moved.txt", opendir("sub/moved.txt") ? 0 : -1);
    TRY("open missing/x", open("missing/x", O_RDONLY));
    TRY("open O_CREAT|O_EXCL existing", open("b.bin", O_CREAT | O_EXCL | O_WRONLY, 0644));
    TRY("rename sub/deeper sub/deep2", rename("sub/deeper", "sub/deep2"));
    TRY("unlink sub/link", unlink("sub/link"));
    TRY("unlink sub/hard", unlink("sub/hard"));
    list("sub");
    list(".");
    TRY("unlink sub/moved.txt", unlink("sub/moved.txt"));
    TRY("rmdir sub/deep2", rmdir("sub/deep2"));
    TRY("rmdir sub", rmdir("sub"));
    list(".");
}

int main(void)
{
    stdio_part();
    posix_part();
    return 0;
}
